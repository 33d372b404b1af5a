using System;

namespace Prom.Bus;

/// <summary>Per-topic settings. The partition count is fixed when the topic is created.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Number of partitions (≥ 1).</param>
/// <param name="Retention">Records older than this are deleted by retention; null keeps them forever.</param>
/// <param name="Compacted">Whether maintenance compacts the topic to the latest record per key.</param>
public sealed record TopicConfig(string Name, int Partitions = 1, TimeSpan? Retention = null, bool Compacted = false)
{
    /// <summary>
    /// Most partitions a topic may have. Every partition costs rows in every store (a next-offset row, one cursor per
    /// group) and a claim visits them, so the bound keeps a typo like <c>int.MaxValue</c> from filling the database.
    /// </summary>
    public const int MaxPartitions = 4096;

    /// <summary>Throws a <see cref="BusException"/> when the name breaks the topic rule or the partition count is outside 1..<see cref="MaxPartitions"/>.</summary>
    public void Validate()
    {
        BusNames.ValidateTopic(Name);
        if (Partitions < 1 || Partitions > MaxPartitions)
        {
            throw new BusException(BusErrorCode.InvalidPartition,
                $"Topic '{Name}' needs 1 to {MaxPartitions} partitions, not {Partitions}.");
        }
    }
}
