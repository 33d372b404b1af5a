using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Prom.Topics;

/// <summary>An <see cref="ITopicPayloadCodec"/> over the generated <see cref="ITopicCodec{T}"/> of one payload type.</summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class TopicPayloadCodec<T> : ITopicPayloadCodec
{
    private readonly ITopicCodec<T> _codec;

    /// <summary>Wraps <paramref name="codec"/>.</summary>
    public TopicPayloadCodec(ITopicCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
    }

    /// <inheritdoc/>
    public TopicDescriptor Descriptor => _codec.Descriptor;

    /// <inheritdoc/>
    public IReadOnlyList<int> ReadableVersions => _codec.ReadableVersions;

    /// <inheritdoc/>
    public void Check(ReadOnlySpan<byte> utf8Json) => _codec.Validate(_codec.ReadVersion(_codec.Descriptor.Version, utf8Json));

    /// <inheritdoc/>
    public byte[] Upcast(int writtenVersion, ReadOnlySpan<byte> utf8Json)
    {
        T value = _codec.ReadVersion(writtenVersion, utf8Json);
        _codec.Validate(value);
        var buffer = new ArrayBufferWriter<byte>(utf8Json.Length + 64);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            _codec.Write(writer, value);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
