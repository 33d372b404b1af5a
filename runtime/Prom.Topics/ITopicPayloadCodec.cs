using System;

namespace Prom.Topics;

/// <summary>
/// The generated codec of one topic version without its payload type: what code that sees only topic names, version
/// numbers and JSON bytes needs (the gateway's schema policy, <c>Prom.Topics.Gateway</c>). <c>AddPromTopics()</c>
/// registers one per declared version (resolve <c>IEnumerable&lt;ITopicPayloadCodec&gt;</c>).
/// </summary>
public interface ITopicPayloadCodec
{
    /// <summary>The topic version this codec reads and writes.</summary>
    TopicDescriptor Descriptor { get; }

    /// <summary>The versions <see cref="Upcast"/> reads (see <see cref="ITopicCodec{T}.ReadableVersions"/>).</summary>
    System.Collections.Generic.IReadOnlyList<int> ReadableVersions { get; }

    /// <summary>Reads and validates <paramref name="utf8Json"/> as this version, exactly as a C# consumer would.</summary>
    /// <exception cref="TopicPayloadException">The JSON breaks this version's schema; the exception names the member.</exception>
    void Check(ReadOnlySpan<byte> utf8Json);

    /// <summary>Reads a payload written as <paramref name="writtenVersion"/> as this version (upcast hop by hop) and writes it.</summary>
    /// <exception cref="TopicPayloadException">The version is not readable, or the JSON breaks a schema on the way.</exception>
    byte[] Upcast(int writtenVersion, ReadOnlySpan<byte> utf8Json);

    /// <summary>
    /// A payload of this version re-written with enum names where a record stored before enums went on the wire by
    /// name holds numbers; null when it holds none (deliver the stored bytes as they are).
    /// </summary>
    /// <exception cref="TopicPayloadException">The JSON breaks this version's schema (e.g. a number that names no member).</exception>
    byte[]? WithEnumNames(ReadOnlySpan<byte> utf8Json);
}
