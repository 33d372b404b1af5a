namespace Prom.Topics;

/// <summary>Header keys the typed topic clients write and read.</summary>
public static class TopicHeaders
{
    /// <summary>The schema version of the record's payload (decimal integer).</summary>
    public const string SchemaVersion = "x-schema-version";

    /// <summary>The payload's media type; typed clients write <see cref="JsonContentType"/> unless given another.</summary>
    public const string ContentType = "content-type";

    /// <summary>The media type of generated topic payloads.</summary>
    public const string JsonContentType = "application/json";
}
