using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Clients;

/// <summary>The wire form of kinds whose TypeScript/Python type alone does not say it, for the emitted doc comments.</summary>
internal static class ClientWireNotes
{
    public static string? For(TopicValueKind kind) => kind switch
    {
        TopicValueKind.Guid => "UUID string",
        TopicValueKind.DateTime => "ISO 8601 date-time string",
        TopicValueKind.DateTimeOffset => "ISO 8601 date-time string with offset",
        TopicValueKind.Int64 => "int64 JSON number",
        TopicValueKind.UInt64 => "uint64 JSON number",
        TopicValueKind.SafeInt64 => "int64 JSON number within ±(2^53 − 1) ([SafeInteger])",
        TopicValueKind.SafeUInt64 => "uint64 JSON number up to 2^53 − 1 ([SafeInteger])",
        TopicValueKind.Decimal => "decimal JSON number",
        TopicValueKind.Single => "float32 JSON number",
        _ => null,
    };
}
