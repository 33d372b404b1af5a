using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Topics;

/// <summary>Per value kind: the C# keyword, the <c>TopicJson</c> read helper and the JSON schema fragment.</summary>
internal static class TopicKinds
{
    /// <summary>A member name as a C# identifier: keywords get <c>@</c> (<c>event</c> → <c>@event</c>).</summary>
    public static string Identifier(string name) =>
        Microsoft.CodeAnalysis.CSharp.SyntaxFacts.GetKeywordKind(name) != Microsoft.CodeAnalysis.CSharp.SyntaxKind.None ? "@" + name : name;

    /// <summary>The <c>TopicJson.Read…</c> helper for a JSON shape, e.g. <c>ReadInt32</c>.</summary>
    public static string ReadHelper(TopicValueKind shape) => "Read" + shape;

    /// <summary>The JSON schema <c>type</c> (the code model's rule, shared with the compatibility checks) and extra keywords.</summary>
    public static (string Type, string Extra) Schema(TopicValueKind shape) => (TopicCompatibilityRules.JsonType(shape), shape switch
    {
        TopicValueKind.SByte => ",\"minimum\":-128,\"maximum\":127",
        TopicValueKind.Byte => ",\"minimum\":0,\"maximum\":255",
        TopicValueKind.Int16 => ",\"minimum\":-32768,\"maximum\":32767",
        TopicValueKind.UInt16 => ",\"minimum\":0,\"maximum\":65535",
        TopicValueKind.Int32 => ",\"format\":\"int32\"",
        TopicValueKind.UInt32 => ",\"minimum\":0,\"maximum\":4294967295",
        TopicValueKind.Int64 => ",\"format\":\"int64\"",
        TopicValueKind.UInt64 => ",\"minimum\":0,\"maximum\":18446744073709551615",
        TopicValueKind.SafeInt64 => ",\"format\":\"int64\",\"minimum\":-9007199254740991,\"maximum\":9007199254740991",
        TopicValueKind.SafeUInt64 => ",\"minimum\":0,\"maximum\":9007199254740991",
        TopicValueKind.Single => ",\"format\":\"float\"",
        TopicValueKind.Double => ",\"format\":\"double\"",
        TopicValueKind.Guid => ",\"format\":\"uuid\"",
        TopicValueKind.DateTime or TopicValueKind.DateTimeOffset => ",\"format\":\"date-time\"",
        _ => "",
    });
}
