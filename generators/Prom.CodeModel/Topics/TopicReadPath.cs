namespace Prom.CodeModel.Topics;

/// <summary>One step that turns a payload of version N into version N+1.</summary>
/// <param name="UpcasterMethod">The <c>[Upcaster]</c> to call, or null for a schema step.</param>
/// <param name="FromClass">Schema step: the generated class that serializes version N.</param>
/// <param name="ToClass">Schema step: the generated class that reads the bytes as version N+1 (it is backward compatible).</param>
public sealed record TopicConversion(string? UpcasterMethod, string? FromClass, string? ToClass);

/// <summary>How a consumer of one version reads records written with another version.</summary>
/// <param name="Version">The version in the record's <c>x-schema-version</c> header.</param>
/// <param name="ReadWith">The generated class whose codec reads the record's JSON.</param>
/// <param name="Conversions">Steps applied in order to the value read, up to the consumer's version.</param>
public sealed record TopicReadPath(int Version, string ReadWith, EquatableArray<TopicConversion> Conversions);

/// <summary>Every other version a consumer of <paramref name="Target"/> can read, for the generator.</summary>
/// <param name="Target">The consumer's version.</param>
/// <param name="Paths">Readable versions other than the target's own, ascending.</param>
public sealed record TopicReadPlan(TopicVersionInfo Target, EquatableArray<TopicReadPath> Paths);
