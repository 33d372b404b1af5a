using System;
using System.Diagnostics;
using Prom.Bus;

namespace Prom.Topics;

/// <summary>What the generator knows about one version of a topic, emitted per [Topic] payload type.</summary>
/// <param name="Name">Topic name, e.g. <c>heartbeat.received</c>.</param>
/// <param name="Version">Schema version (≥ 1), stamped on published records as <c>x-schema-version</c>.</param>
/// <param name="Compatibility">How this version must relate to earlier ones.</param>
/// <param name="Partitions">Partition count for topic creation; 0 uses the bus's <c>DefaultPartitions</c>.</param>
/// <param name="RetentionDays">Retention in days; 0 keeps records forever.</param>
/// <param name="Compaction">Whether maintenance compacts the topic to the latest record per key.</param>
/// <param name="KeyMember">The payload member whose value is the partitioning key, or null.</param>
/// <param name="PayloadType">The payload type.</param>
/// <param name="JsonSchema">The payload's JSON schema (draft 2020-12).</param>
[DebuggerDisplay("{Name} v{Version} ({PayloadType.Name})")]
public sealed record TopicDescriptor(
    string Name,
    int Version,
    Compatibility Compatibility,
    int Partitions,
    int RetentionDays,
    bool Compaction,
    string? KeyMember,
    Type PayloadType,
    string JsonSchema)
{
    /// <summary>The bus topic settings of this descriptor (partitions fall back to <paramref name="defaultPartitions"/>).</summary>
    public TopicConfig ToTopicConfig(int defaultPartitions) => new(
        Name,
        Partitions > 0 ? Partitions : defaultPartitions,
        RetentionDays > 0 ? TimeSpan.FromDays(RetentionDays) : null,
        Compaction);
}
