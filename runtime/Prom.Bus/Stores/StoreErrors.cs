namespace Prom.Bus.Stores;

/// <summary>The errors every store raises, worded once so all stores report the same thing the same way.</summary>
public static class StoreErrors
{
    /// <summary>The topic does not exist.</summary>
    public static BusException UnknownTopic(string topic) => new(BusErrorCode.UnknownTopic, $"Topic '{topic}' does not exist.");

    /// <summary>The partition is outside the topic.</summary>
    public static BusException InvalidPartition(string topic, int partition, int partitions) => new(BusErrorCode.InvalidPartition,
        $"Partition {partition} does not exist in topic '{topic}' ({partitions} partitions).");

    /// <summary>The group never joined the topic.</summary>
    public static BusException UnknownGroup(string topic, string group) => new(BusErrorCode.UnknownGroup,
        $"Consumer group '{group}' has not joined topic '{topic}'.");

    /// <summary>An ack or nack of a record the group was never given.</summary>
    public static BusException UnknownDelivery(DeliveryRef d) => new(BusErrorCode.UnknownDelivery,
        $"Group '{d.Group}' was never given {d.Topic}[{d.Partition}]@{d.Offset}; nothing to ack or nack.");

    /// <summary>A topic re-declared with another partition count.</summary>
    public static BusException TopicConflict(string topic, int existing, int declared) => new(BusErrorCode.TopicConflict,
        $"Topic '{topic}' exists with {existing} partitions; it cannot be re-declared with {declared}.");

    /// <summary>An explicit id that is already stored on another topic.</summary>
    public static BusException IdConflict(string id, string storedTopic, string topic) => new(BusErrorCode.IdConflict,
        $"Event id '{id}' is already stored on topic '{storedTopic}'; it cannot be published to '{topic}'.");
}
