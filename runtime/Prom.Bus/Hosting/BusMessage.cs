namespace Prom.Bus.Hosting;

/// <summary>A delivery with its payload deserialized.</summary>
/// <typeparam name="T">Payload type.</typeparam>
/// <param name="Delivery">The delivery (record, attempt, <c>ModAckAsync</c> for long work).</param>
/// <param name="Value">The payload.</param>
public sealed record BusMessage<T>(IBusDelivery Delivery, T Value)
{
    /// <summary>The record.</summary>
    public EventRecord Record => Delivery.Record;

    /// <summary>Attempt number (1 = first delivery).</summary>
    public int Attempt => Delivery.Attempt;
}
