using System;

namespace Prom.Bus;

/// <summary>Per-topic settings. The partition count is fixed when the topic is created.</summary>
/// <param name="Name">Topic name.</param>
/// <param name="Partitions">Number of partitions (≥ 1).</param>
/// <param name="Retention">Records older than this are deleted by retention; null keeps them forever.</param>
/// <param name="Compacted">Whether maintenance compacts the topic to the latest record per key.</param>
public sealed record TopicConfig(string Name, int Partitions = 1, TimeSpan? Retention = null, bool Compacted = false);
