using System;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;

namespace Prom.Topics;

/// <summary>
/// A typed member of a consumer group: <see cref="ReceiveAsync"/> returns deliveries with the payload already read.
/// Records of older schema versions arrive upcast to <typeparamref name="T"/>. A record that cannot be read (a version
/// with no upcaster path, JSON that breaks the schema) is nacked with the reason and
/// never handed out, so it is retried and finally lands in <c>dlq.&lt;topic&gt;</c>: never lost, never stalling.
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class TopicSubscription<T> : IAsyncDisposable
{
    private readonly TopicClient<T> _client;

    internal TopicSubscription(TopicClient<T> client, IBusSubscription subscription)
    {
        _client = client;
        Subscription = subscription;
    }

    /// <summary>The untyped subscription underneath.</summary>
    public IBusSubscription Subscription { get; }

    /// <summary>How many records this member nacked because they could not be read.</summary>
    public long RejectedCount => Interlocked.Read(ref _rejected);

    private long _rejected;

    /// <summary>Waits for the next readable delivery, or throws when <paramref name="ct"/> is cancelled.</summary>
    public async ValueTask<TopicDelivery<T>> ReceiveAsync(CancellationToken ct = default)
    {
        while (true)
        {
            IBusDelivery delivery = await Subscription.ReceiveAsync(ct).ConfigureAwait(false);
            T payload;
            int written;
            try
            {
                payload = _client.Decode(delivery.Record, out written);
            }
            catch (TopicPayloadException exception)
            {
                Interlocked.Increment(ref _rejected);
                await delivery.NackAsync(exception.Message, null, ct).ConfigureAwait(false);
                continue;
            }
            return new TopicDelivery<T>(delivery, payload, _client.Descriptor.Version, written);
        }
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => Subscription.DisposeAsync();
}
