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

    /// <summary>Whether the schema has an enum (the generator writes <c>"enum":[</c> only for enums), so legacy numbers are possible.</summary>
    private readonly bool _hasEnums;

    /// <summary>Wraps <paramref name="codec"/>.</summary>
    public TopicPayloadCodec(ITopicCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(codec);
        _codec = codec;
        _hasEnums = codec.Descriptor.JsonSchema.Contains("\"enum\":[", StringComparison.Ordinal);
    }

    /// <inheritdoc/>
    public TopicDescriptor Descriptor => _codec.Descriptor;

    /// <inheritdoc/>
    public IReadOnlyList<int> ReadableVersions => _codec.ReadableVersions;

    /// <inheritdoc/>
    /// <remarks>A publish is new data, so an enum must be its member's name: the legacy numbers a stored record may hold are refused here.</remarks>
    public void Check(ReadOnlySpan<byte> utf8Json)
    {
        bool outer = TopicJson.EnumNamesOnly;
        TopicJson.EnumNamesOnly = true;
        try
        {
            _codec.Validate(_codec.ReadVersion(_codec.Descriptor.Version, utf8Json));
        }
        finally
        {
            TopicJson.EnumNamesOnly = outer;
        }
    }

    /// <inheritdoc/>
    public byte[] Upcast(int writtenVersion, ReadOnlySpan<byte> utf8Json) => Write(_codec.ReadVersion(writtenVersion, utf8Json));

    /// <inheritdoc/>
    public byte[]? WithEnumNames(ReadOnlySpan<byte> utf8Json)
    {
        if (!_hasEnums) return null;
        int before = TopicJson.LegacyEnumNumbers;
        T value = _codec.ReadVersion(_codec.Descriptor.Version, utf8Json);
        return TopicJson.LegacyEnumNumbers == before ? null : Write(value);
    }

    private byte[] Write(T value)
    {
        _codec.Validate(value);
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            _codec.Write(writer, value);
        }
        return buffer.WrittenSpan.ToArray();
    }
}
