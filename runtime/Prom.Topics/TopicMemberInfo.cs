using System.Text.Json;

namespace Prom.Topics;

/// <summary>
/// Names one member of a generated topic payload for error messages; generated code keeps one per member in a
/// static field, so a failure costs nothing until it happens.
/// </summary>
/// <param name="Topic">The topic name.</param>
/// <param name="PayloadType">The payload type's name.</param>
/// <param name="Member">The C# member name.</param>
/// <param name="JsonName">The JSON member name.</param>
public sealed record TopicMemberInfo(string Topic, string PayloadType, string Member, string JsonName)
{
    /// <summary>The member is required but absent from the JSON.</summary>
    public TopicPayloadException Missing() => Fail("is required but missing");

    /// <summary>The member is required but holds null.</summary>
    public TopicPayloadException Null() => Fail("is required but null");

    /// <summary>The member holds a number JSON cannot carry (NaN or an infinity).</summary>
    public TopicPayloadException NotFinite(double value) => Fail($"is {value}, which JSON cannot carry; use a finite number");

    /// <summary>A <c>[SafeInteger]</c> member holds a value other languages cannot read exactly.</summary>
    public TopicPayloadException NotSafeInteger(System.Numerics.BigInteger value) =>
        Fail($"is {value}, outside ±(2^53 − 1) that [SafeInteger] promises (JavaScript reads larger integers inexactly)");

    /// <summary>An enum member holds a value that is not a defined member (or a legacy record's number names none): it has no name on the wire.</summary>
    public TopicPayloadException NotEnumMember(string value, string enumType) =>
        Fail($"is {value}, which is not a defined member of {enumType}, so it has no name on the wire");

    /// <summary>The JSON token is not what the member's type needs.</summary>
    public TopicPayloadException Unexpected(in Utf8JsonReader reader, string expected) =>
        Fail($"must be {expected}, found {Describe(reader)}");

    /// <summary>An exception naming this member.</summary>
    public TopicPayloadException Fail(string problem) => new(Topic, PayloadType, Member, JsonName, problem);

    // The offending token, cut to 40 characters: enough to recognise it, never a whole payload in a log line.
    private static string Describe(in Utf8JsonReader reader)
    {
        if (reader.TokenType is not (JsonTokenType.String or JsonTokenType.Number)) return reader.TokenType.ToString();
        byte[] raw = reader.HasValueSequence ? System.Buffers.BuffersExtensions.ToArray(reader.ValueSequence) : reader.ValueSpan.ToArray();
        string text = System.Text.Encoding.UTF8.GetString(raw);
        return $"{reader.TokenType} {(text.Length > 40 ? text.Substring(0, 40) + "…" : text)}";
    }
}
