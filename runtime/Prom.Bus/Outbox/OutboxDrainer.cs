using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Outbox;

/// <summary>
/// Publishes outbox rows and then marks them. A crash between the two is harmless: the next drain publishes the same
/// rows with the same ids, and the store returns the stored records instead of appending duplicates.
/// </summary>
public sealed class OutboxDrainer
{
    private readonly IBusClient _bus;
    private readonly IOutboxSource _source;

    /// <summary>Creates a drainer from <paramref name="source"/> into <paramref name="bus"/> (in process or over the network).</summary>
    public OutboxDrainer(IBusClient bus, IOutboxSource source)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(source);
        _bus = bus;
        _source = source;
    }

    /// <summary>Publishes up to <paramref name="max"/> pending rows in one batch and marks them; returns how many.</summary>
    public async ValueTask<int> DrainOnceAsync(int max = 256, CancellationToken ct = default)
    {
        IReadOnlyList<PublishRequest> pending = await _source.FetchPendingAsync(max, ct).ConfigureAwait(false);
        if (pending.Count == 0)
        {
            return 0;
        }

        if (pending.Any(p => p.Id is null))
        {
            throw new InvalidOperationException("Every outbox row needs its id: the id is what makes re-draining idempotent.");
        }

        await _bus.PublishBatchAsync(pending, ct).ConfigureAwait(false);
        await _source.MarkPublishedAsync(pending.Select(p => p.Id!).ToArray(), ct).ConfigureAwait(false);
        return pending.Count;
    }

    /// <summary>Drains until <paramref name="ct"/> is cancelled, sleeping <paramref name="idle"/> when the outbox is empty.</summary>
    public async Task RunAsync(TimeSpan idle, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            if (await DrainOnceAsync(256, ct).ConfigureAwait(false) == 0)
            {
                await Task.Delay(idle, ct).ConfigureAwait(false);
            }
        }
    }
}
