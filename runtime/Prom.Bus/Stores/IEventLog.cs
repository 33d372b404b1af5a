using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Stores;

/// <summary>
/// Role of a store: the log — topics and their records (MongoDB: collection <c>events</c> with unique indexes on
/// <c>{topic, part, offs}</c> and <c>{id}</c>, plus <c>topics</c>/<c>partitions</c> documents holding the next offset).
/// </summary>
public interface IEventLog
{
    /// <summary>
    /// Creates the topic when missing and returns its stored config (the first declaration wins; a different partition
    /// count is a <see cref="BusErrorCode.TopicConflict"/>; more than <see cref="TopicConfig.MaxPartitions"/> is
    /// <see cref="BusErrorCode.InvalidPartition"/>).
    /// </summary>
    ValueTask<TopicConfig> EnsureTopicAsync(TopicConfig config, CancellationToken ct = default);

    /// <summary>The topic's config, or null when it does not exist.</summary>
    ValueTask<TopicConfig?> GetTopicAsync(string topic, CancellationToken ct = default);

    /// <summary>All topics, ordinal name order.</summary>
    ValueTask<IReadOnlyList<TopicConfig>> ListTopicsAsync(CancellationToken ct = default);

    /// <summary>
    /// Appends records atomically (all or none), allocating gap-free offsets per topic-partition, and returns only after
    /// they are durable. A record whose id is already stored on the same topic is not stored again: the stored record is
    /// returned in its place (idempotent re-publish). An id stored on another topic is a
    /// <see cref="BusErrorCode.IdConflict"/> and fails the whole call. The topics must exist.
    /// </summary>
    ValueTask<IReadOnlyList<EventRecord>> AppendAsync(IReadOnlyList<PendingRecord> records, CancellationToken ct = default);

    /// <summary>Up to <paramref name="max"/> records of a partition with offset ≥ <paramref name="fromOffset"/>, in offset order.</summary>
    ValueTask<IReadOnlyList<EventRecord>> ReadAsync(string topic, int partition, long fromOffset, int max, CancellationToken ct = default);

    /// <summary>Offset of the last record of each partition (0 for an empty one), by partition; <see cref="BusErrorCode.UnknownTopic"/> for a missing topic.</summary>
    ValueTask<IReadOnlyList<long>> GetHeadsAsync(string topic, CancellationToken ct = default);

    /// <summary>The record with this id, or null.</summary>
    ValueTask<EventRecord?> FindByIdAsync(string id, CancellationToken ct = default);

    /// <summary>The latest record per key of a topic (keyless records are not included).</summary>
    ValueTask<IReadOnlyList<EventRecord>> LatestByKeyAsync(string topic, CancellationToken ct = default);
}
