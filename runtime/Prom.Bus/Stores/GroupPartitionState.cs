namespace Prom.Bus.Stores;

/// <summary>The committed state of one consumer group on one partition.</summary>
/// <param name="Partition">Partition.</param>
/// <param name="Watermark">Low watermark: every record at or below it is settled for the group.</param>
/// <param name="Head">Offset of the last record published to the partition (0 when empty).</param>
public readonly record struct GroupPartitionState(int Partition, long Watermark, long Head)
{
    /// <summary>Records above the watermark (settled or not).</summary>
    public long Lag => Head - Watermark;
}
