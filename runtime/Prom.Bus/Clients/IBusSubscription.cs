using System;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus;

/// <summary>
/// One member of a consumer group on a topic (see <see cref="IBusClient.SubscribeAsync"/>). Receive from one loop at a
/// time. Disposing leaves the group: deliveries claimed but not yet received go back at once.
/// </summary>
public interface IBusSubscription : IAsyncDisposable
{
    /// <summary>Topic.</summary>
    string Topic { get; }

    /// <summary>Consumer group.</summary>
    string Group { get; }

    /// <summary>This member's id.</summary>
    string MemberId { get; }

    /// <summary>Waits for the next delivery (respecting the in-flight window), or throws when <paramref name="ct"/> is cancelled.</summary>
    /// <exception cref="ObjectDisposedException">The subscription was disposed.</exception>
    ValueTask<IBusDelivery> ReceiveAsync(CancellationToken ct = default);
}
