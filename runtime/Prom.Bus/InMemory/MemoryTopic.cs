namespace Prom.Bus.InMemory;

/// <summary>A topic of the in-memory store.</summary>
internal sealed class MemoryTopic
{
    public MemoryTopic(TopicConfig config)
    {
        Config = config;
        Partitions = new MemoryPartition[config.Partitions];
        for (int i = 0; i < Partitions.Length; i++)
        {
            Partitions[i] = new MemoryPartition();
        }
    }

    /// <summary>Stored config.</summary>
    public TopicConfig Config { get; }

    /// <summary>Logs by partition.</summary>
    public MemoryPartition[] Partitions { get; }
}
