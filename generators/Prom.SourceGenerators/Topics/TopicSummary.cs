using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// What the assembly-wide output (<c>Prom.Generated.PromTopics</c>: descriptors, DI registration, AsyncAPI document)
/// needs from one topic version. Values only, so the collected step stays cached when an unrelated file changes.
/// </summary>
/// <param name="GeneratedClass">e.g. <c>global::Ops.HeartbeatV1Topic</c>.</param>
/// <param name="TopicName">The topic name.</param>
/// <param name="Version">The version.</param>
/// <param name="Compatibility">The compatibility mode.</param>
/// <param name="Partitions">Declared partitions (0 = bus default).</param>
/// <param name="RetentionDays">Declared retention (0 = forever).</param>
/// <param name="Compaction">Whether the topic is compacted.</param>
/// <param name="KeyMember">The key member, or null.</param>
/// <param name="TypeName">The payload type's simple name.</param>
/// <param name="JsonSchema">The payload's JSON schema text.</param>
internal sealed record TopicSummary(
    string GeneratedClass,
    string TopicName,
    int Version,
    Compatibility Compatibility,
    int Partitions,
    int RetentionDays,
    bool Compaction,
    string? KeyMember,
    string TypeName,
    string JsonSchema)
{
    public static TopicSummary From(TopicModel model) => new(
        TopicVersionInfo.From(model).GeneratedClass,
        model.TopicName,
        model.Version,
        model.Compatibility,
        model.Partitions,
        model.RetentionDays,
        model.Compaction,
        model.KeyMember,
        model.TypeName,
        TopicSchemaEmitter.Emit(model));
}
