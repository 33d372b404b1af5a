using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Hosting;

/// <summary>
/// A typed consumer run by a hosted service (register with <c>AddPromBus().AddConsumer&lt;THandler, T&gt;(…)</c>).
/// Returning acks the record; throwing nacks it (backoff, then the DLQ); if the host stops and cancels
/// the token, an <see cref="System.OperationCanceledException"/> releases the record unacked.
/// </summary>
/// <typeparam name="T">Payload type, deserialized with System.Text.Json.</typeparam>
public interface IBusHandler<T>
{
    /// <summary>Handles one message.</summary>
    Task HandleAsync(BusMessage<T> message, CancellationToken ct);
}
