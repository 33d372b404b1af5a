using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus;

/// <summary>
/// The one publish/subscribe interface of the bus, implemented by the in-process <see cref="EventBus"/> and by the
/// network client (<c>Prom.Bus.Client.BusClient</c>, over the WebSocket gateway). Generated [Topic] clients, hosted
/// consumers and DI target this interface, so the same typed code runs in process or across the network with the
/// same semantics: durable publish, consumer groups with leases, ack/nack/modack, backoff and the DLQ.
/// </summary>
public interface IBusClient
{
    /// <summary>Partitions of a topic that is created without a declared count (a [Topic] with <c>Partitions = 0</c>).</summary>
    int DefaultPartitions { get; }

    /// <summary>Creates a topic, or returns the existing one; a different partition count is an error.</summary>
    /// <exception cref="BusException">Invalid name or partition count, or the topic exists with another partition count.</exception>
    ValueTask<TopicConfig> CreateTopicAsync(TopicConfig config, CancellationToken ct = default);

    /// <summary>Publishes one record; returns it with id, partition and offset once it is durable.</summary>
    /// <exception cref="BusException">Invalid topic, header, payload or partition.</exception>
    ValueTask<EventRecord> PublishAsync(PublishRequest request, CancellationToken ct = default);

    /// <summary>Publishes records atomically (all or none); returns them in request order once they are durable.</summary>
    /// <exception cref="BusException">Any request is invalid; nothing is stored then.</exception>
    ValueTask<IReadOnlyList<EventRecord>> PublishBatchAsync(IReadOnlyList<PublishRequest> requests, CancellationToken ct = default);

    /// <summary>
    /// Joins <paramref name="group"/> on <paramref name="topic"/> as a new member. The start position in
    /// <paramref name="options"/> applies only when the group has no committed position.
    /// </summary>
    /// <exception cref="BusException">Invalid topic or group, or an unresolvable start position.</exception>
    ValueTask<IBusSubscription> SubscribeAsync(string topic, string group, SubscriptionOptions? options = null, CancellationToken ct = default);
}
