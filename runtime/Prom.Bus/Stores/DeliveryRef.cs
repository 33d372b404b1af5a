namespace Prom.Bus.Stores;

/// <summary>Names one delivery of one record to one consumer group.</summary>
/// <param name="Topic">Topic.</param>
/// <param name="Group">Consumer group.</param>
/// <param name="Partition">Partition of the record.</param>
/// <param name="Offset">Offset of the record.</param>
/// <param name="Attempt">The attempt number the delivery was made with (1 for the first delivery).</param>
public readonly record struct DeliveryRef(string Topic, string Group, int Partition, long Offset, int Attempt);
