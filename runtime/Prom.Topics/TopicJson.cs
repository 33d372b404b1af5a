using System;
using System.Buffers;
using System.Collections.Generic;
using System.Text.Json;

namespace Prom.Topics;

/// <summary>
/// Helpers the generated topic codecs call: one reader per value kind that checks the token and names the member on
/// failure, plus serialization entry points. No reflection and no <c>JsonSerializer</c>.
/// </summary>
public static class TopicJson
{
    /// <summary>Buffers above this size are not kept for reuse (one huge payload must not pin memory forever).</summary>
    private const int MaxRetainedBuffer = 64 * 1024;

    /// <summary>Per-thread buffer and writer reused by <see cref="Serialize{T}(ITopicCodec{T}, T)"/>; codecs never call back into it.</summary>
    [ThreadStatic] private static ArrayBufferWriter<byte>? t_buffer;

    [ThreadStatic] private static Utf8JsonWriter? t_writer;

    /// <summary>
    /// Set while <see cref="TopicPayloadCodec{T}.Check"/> reads a publish: then an enum's legacy number is refused
    /// (new records carry names). Per thread, because the generated readers are static and a check is one synchronous
    /// call on one thread; everything else (stored records, upcasts) reads legacy numbers.
    /// </summary>
    [ThreadStatic] private static bool t_enumNamesOnly;

    /// <summary>Legacy enum numbers read on this thread (see <see cref="LegacyEnumNumbers"/>).</summary>
    [ThreadStatic] private static int t_legacyEnumNumbers;

    /// <summary>Serializes <paramref name="value"/> after validating it.</summary>
    /// <exception cref="TopicPayloadException">The payload is invalid; the exception names the member.</exception>
    public static byte[] Serialize<T>(ITopicCodec<T> codec, T value)
    {
        ArgumentNullException.ThrowIfNull(codec);
        codec.Validate(value);
        ArrayBufferWriter<byte> buffer = t_buffer ??= new ArrayBufferWriter<byte>(512);
        Utf8JsonWriter writer = t_writer ??= new Utf8JsonWriter(buffer);
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        try
        {
            codec.Write(writer, value);
            writer.Flush();
            return buffer.WrittenSpan.ToArray();
        }
        finally
        {
            if (buffer.Capacity > MaxRetainedBuffer)
            {
                t_buffer = null;
                t_writer = null;
            }
        }
    }

    /// <summary>Validates <paramref name="value"/> and writes it to <paramref name="output"/> (no intermediate array).</summary>
    /// <exception cref="TopicPayloadException">The payload is invalid; the exception names the member.</exception>
    public static void Serialize<T>(ITopicCodec<T> codec, T value, IBufferWriter<byte> output)
    {
        ArgumentNullException.ThrowIfNull(codec);
        ArgumentNullException.ThrowIfNull(output);
        codec.Validate(value);
        using var writer = new Utf8JsonWriter(output);
        codec.Write(writer, value);
    }

    /// <summary>Deserializes one JSON object.</summary>
    /// <exception cref="TopicPayloadException">The bytes are not valid JSON or do not match the schema.</exception>
    public static T Deserialize<T>(ITopicCodec<T> codec, ReadOnlySpan<byte> utf8Json)
    {
        ArgumentNullException.ThrowIfNull(codec);
        var reader = new Utf8JsonReader(utf8Json);
        try
        {
            return codec.Read(ref reader);
        }
        catch (JsonException exception)
        {
            TopicDescriptor d = codec.Descriptor;
            throw new TopicPayloadException(d.Name, d.PayloadType.Name, null, null, "is not valid JSON: " + exception.Message);
        }
    }

    /// <summary>The error of a generated <c>ReadVersion</c> asked for a version no upcaster chain or compatible hop reaches.</summary>
    public static TopicPayloadException UnreadableVersion(TopicDescriptor descriptor, int version, IReadOnlyList<int> readable)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        ArgumentNullException.ThrowIfNull(readable);
        return new TopicPayloadException(descriptor.Name, descriptor.PayloadType.Name, null, null,
            $"cannot be read from schema version {version}: no upcaster chain reaches version {descriptor.Version} from it (readable versions: {string.Join(", ", readable)})");
    }

    /// <summary>Moves to the payload's <c>StartObject</c>; throws naming the payload when it is not an object.</summary>
    public static void ReadStartObject(ref Utf8JsonReader reader, string topic, string payloadType)
    {
        if (reader.TokenType == JsonTokenType.None && !reader.Read())
        {
            throw new TopicPayloadException(topic, payloadType, null, null, "is empty; expected a JSON object");
        }
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new TopicPayloadException(topic, payloadType, null, null, $"must be a JSON object, found {reader.TokenType}");
        }
    }

    /// <summary>Reads a string (not null).</summary>
    public static string ReadString(ref Utf8JsonReader reader, TopicMemberInfo member)
    {
        if (reader.TokenType == JsonTokenType.String) return reader.GetString()!;
        throw reader.TokenType == JsonTokenType.Null ? member.Null() : member.Unexpected(reader, "a string");
    }

    /// <summary>Reads <c>true</c> or <c>false</c>.</summary>
    public static bool ReadBoolean(ref Utf8JsonReader reader, TopicMemberInfo member) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.Null => throw member.Null(),
        _ => throw member.Unexpected(reader, "true or false"),
    };

    /// <summary>Reads an sbyte.</summary>
    public static sbyte ReadSByte(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetSByte(out sbyte value) ? value : throw Wrong(reader, member, "an integer from -128 to 127");

    /// <summary>Reads a byte.</summary>
    public static byte ReadByte(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetByte(out byte value) ? value : throw Wrong(reader, member, "an integer from 0 to 255");

    /// <summary>Reads a short.</summary>
    public static short ReadInt16(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt16(out short value) ? value : throw Wrong(reader, member, "a 16-bit integer");

    /// <summary>Reads a ushort.</summary>
    public static ushort ReadUInt16(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt16(out ushort value) ? value : throw Wrong(reader, member, "an unsigned 16-bit integer");

    /// <summary>Reads an int.</summary>
    public static int ReadInt32(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out int value) ? value : throw Wrong(reader, member, "a 32-bit integer");

    /// <summary>Reads a uint.</summary>
    public static uint ReadUInt32(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt32(out uint value) ? value : throw Wrong(reader, member, "an unsigned 32-bit integer");

    /// <summary>Reads a long.</summary>
    public static long ReadInt64(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) ? value : throw Wrong(reader, member, "a 64-bit integer");

    /// <summary>Reads a ulong.</summary>
    public static ulong ReadUInt64(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out ulong value) ? value : throw Wrong(reader, member, "an unsigned 64-bit integer");

    /// <summary>Reads a <c>[SafeInteger]</c> long: within ±(2^53 − 1), which every client language reads exactly.</summary>
    public static long ReadSafeInt64(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out long value) && value is >= SafeIntegerAttribute.MinValue and <= SafeIntegerAttribute.MaxValue
            ? value
            : throw Wrong(reader, member, "an integer within ±(2^53 − 1) ([SafeInteger])");

    /// <summary>Reads a <c>[SafeInteger]</c> ulong: at most 2^53 − 1.</summary>
    public static ulong ReadSafeUInt64(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetUInt64(out ulong value) && value <= SafeIntegerAttribute.MaxValue
            ? value
            : throw Wrong(reader, member, "an integer from 0 to 2^53 − 1 ([SafeInteger])");

    /// <summary>Refuses a <c>[SafeInteger]</c> value outside ±(2^53 − 1) before it is written.</summary>
    public static void CheckSafeInteger(long value, TopicMemberInfo member)
    {
        if (value is < SafeIntegerAttribute.MinValue or > SafeIntegerAttribute.MaxValue) throw member.NotSafeInteger(value);
    }

    /// <summary>Refuses a <c>[SafeInteger]</c> value above 2^53 − 1 before it is written.</summary>
    public static void CheckSafeInteger(ulong value, TopicMemberInfo member)
    {
        if (value > SafeIntegerAttribute.MaxValue) throw member.NotSafeInteger(value);
    }

    /// <summary>Reads a finite float.</summary>
    public static float ReadSingle(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetSingle(out float value) && float.IsFinite(value) ? value : throw Wrong(reader, member, "a finite 32-bit float");

    /// <summary>Reads a finite double.</summary>
    public static double ReadDouble(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out double value) && double.IsFinite(value) ? value : throw Wrong(reader, member, "a finite number");

    /// <summary>Reads a decimal.</summary>
    public static decimal ReadDecimal(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.Number && reader.TryGetDecimal(out decimal value) ? value : throw Wrong(reader, member, "a decimal number");

    /// <summary>Reads a Guid string.</summary>
    public static Guid ReadGuid(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetGuid(out Guid value) ? value : throw Wrong(reader, member, "a GUID string");

    /// <summary>Reads an ISO 8601 date-time string.</summary>
    public static DateTime ReadDateTime(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTime(out DateTime value) ? value : throw Wrong(reader, member, "an ISO 8601 date-time string");

    /// <summary>Reads an ISO 8601 date-time string with offset.</summary>
    public static DateTimeOffset ReadDateTimeOffset(ref Utf8JsonReader reader, TopicMemberInfo member) =>
        reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out DateTimeOffset value) ? value : throw Wrong(reader, member, "an ISO 8601 date-time string");

    /// <summary>
    /// Called by a generated enum reader when the token is not a string: a number is accepted only as a record stored
    /// before enums went on the wire by name (the reader then maps it to a defined member or throws); a null or any
    /// other token, or a number in a publish being checked, throws naming the member.
    /// </summary>
    public static void ExpectLegacyEnumNumber(in Utf8JsonReader reader, TopicMemberInfo member, string names)
    {
        ArgumentNullException.ThrowIfNull(member);
        if (reader.TokenType == JsonTokenType.Null) throw member.Null();
        if (reader.TokenType != JsonTokenType.Number) throw member.Unexpected(reader, "one of " + names);
        if (t_enumNamesOnly)
        {
            throw member.Unexpected(reader, $"one of {names} (an enum goes on the wire as its member's name; numbers are read only from records stored before that)");
        }
        t_legacyEnumNumbers++;
    }

    /// <summary>Whether reads on this thread refuse enum numbers (set by <see cref="TopicPayloadCodec{T}.Check"/>).</summary>
    internal static bool EnumNamesOnly
    {
        get => t_enumNamesOnly;
        set => t_enumNamesOnly = value;
    }

    /// <summary>Legacy enum numbers read on this thread so far (the gateway re-writes such records with names before delivery).</summary>
    internal static int LegacyEnumNumbers
    {
        get => t_legacyEnumNumbers;
        set => t_legacyEnumNumbers = value;
    }

    /// <summary>Moves from a property name to its value; throws naming the member when the JSON ends there.</summary>
    public static void ReadValue(ref Utf8JsonReader reader, TopicMemberInfo member)
    {
        if (!reader.Read()) throw member.Fail("has no value (the JSON ends)");
    }

    /// <summary>Skips the value of a member the schema does not know (newer writers may add members).</summary>
    public static void SkipUnknown(ref Utf8JsonReader reader)
    {
        if (!reader.Read() || !reader.TrySkip()) throw new JsonException("The JSON ends inside an unknown member.");
    }

    private static TopicPayloadException Wrong(in Utf8JsonReader reader, TopicMemberInfo member, string expected) =>
        reader.TokenType == JsonTokenType.Null ? member.Null() : member.Unexpected(reader, expected);
}
