using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Prom.Topics;

/// <summary>
/// The reflection-free JSON codec the topic generator emits for a [Topic] payload type: it writes with
/// <see cref="Utf8JsonWriter"/>, reads with <see cref="Utf8JsonReader"/> and names the failing member on bad input.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public interface ITopicCodec<T>
{
    /// <summary>The topic version this payload type is.</summary>
    TopicDescriptor Descriptor { get; }

    /// <summary>Checks <paramref name="value"/> against the schema (required members, finite numbers).</summary>
    /// <exception cref="TopicPayloadException">A member is invalid; the exception names it.</exception>
    void Validate(T value);

    /// <summary>Writes <paramref name="value"/> as one JSON object (without validating it).</summary>
    void Write(Utf8JsonWriter writer, T value);

    /// <summary>Reads one JSON object; the reader is on its <c>StartObject</c> (or before it) and ends on its <c>EndObject</c>.</summary>
    /// <exception cref="TopicPayloadException">The JSON does not match the schema; the exception names the member.</exception>
    T Read(ref Utf8JsonReader reader);

    /// <summary>The partitioning key of <paramref name="value"/> from the declared key member, or null.</summary>
    string? KeyOf(T value);

    /// <summary>
    /// The schema versions <see cref="ReadVersion"/> reads, ascending: this version, older versions the generated
    /// upcaster chain reaches, and newer versions that are forward compatible.
    /// </summary>
    IReadOnlyList<int> ReadableVersions { get; }

    /// <summary>
    /// Reads a payload written with schema version <paramref name="version"/> of this topic as this version: older
    /// versions are read with their own generated codec and upcast hop by hop (an <c>[Upcaster]</c>, or the newer
    /// codec for a backward-compatible hop); forward-compatible newer versions are read directly.
    /// </summary>
    /// <exception cref="TopicPayloadException">The version is not readable, or the JSON breaks that version's schema.</exception>
    T ReadVersion(int version, ReadOnlySpan<byte> utf8Json);
}
