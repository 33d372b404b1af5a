using System.Collections.Generic;

namespace Prom.Bus.InMemory;

/// <summary>One group's cursor on one partition.</summary>
internal sealed class MemoryGroupPartition
{
    /// <summary>Low watermark: all offsets ≤ it are settled.</summary>
    public long Watermark { get; set; }

    /// <summary>Delivery rows of records above the watermark, by offset.</summary>
    public Dictionary<long, MemoryDelivery> Deliveries { get; } = [];
}
