namespace Prom.CodeModel.Topics;

/// <summary>
/// A valid [Topic] payload declaration reduced to values: what the topic generator emits from. No symbols, syntax or
/// locations, so incremental steps stay cached across unrelated edits.
/// </summary>
/// <param name="Namespace">The payload's namespace, or null for the global namespace.</param>
/// <param name="TypeName">The payload type's simple name.</param>
/// <param name="FullyQualifiedName">e.g. <c>global::Ops.Heartbeat</c>.</param>
/// <param name="GeneratedClassName">The generated static class, e.g. <c>HeartbeatTopic</c>.</param>
/// <param name="IsPublic">Whether the payload is public (the generated class gets the same visibility).</param>
/// <param name="IsValueType">Whether the payload is a struct.</param>
/// <param name="TopicName">The topic name.</param>
/// <param name="Version">The schema version (≥ 1).</param>
/// <param name="Compatibility">The compatibility mode.</param>
/// <param name="Partitions">Partition count, 0 for the bus default.</param>
/// <param name="RetentionDays">Retention in days, 0 for none.</param>
/// <param name="Compaction">Whether the topic is compacted.</param>
/// <param name="KeyMember">The member that gives the partitioning key, or null.</param>
/// <param name="ConstructorParameterCount">Parameters of the constructor the deserializer calls.</param>
/// <param name="Members">Serialized members in declaration order (base type first).</param>
/// <param name="Objects">Nested object types reachable from the members, referenced by index.</param>
/// <param name="Enums">Enums used by the members and the nested objects' members, referenced by index.</param>
public sealed record TopicModel(
    string? Namespace,
    string TypeName,
    string FullyQualifiedName,
    string GeneratedClassName,
    bool IsPublic,
    bool IsValueType,
    string TopicName,
    int Version,
    Compatibility Compatibility,
    int Partitions,
    int RetentionDays,
    bool Compaction,
    string? KeyMember,
    int ConstructorParameterCount,
    EquatableArray<TopicMemberModel> Members,
    EquatableArray<TopicObjectModel> Objects = default,
    EquatableArray<TopicEnumModel> Enums = default);
