using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Prom.Bus.Gateway.Connections;
using Prom.Bus.Stores;

namespace Prom.Bus.Gateway.OpsHttp;

/// <summary><c>/stats</c>, <c>/connections</c>, <c>/healthz</c>, <c>/readyz</c>.</summary>
internal static class StatsOps
{
    private const string DlqReplayGroup = "prom-dlq-replay";
    private static readonly long s_started = Environment.TickCount64;

    public static async Task<IResult> StatsAsync(EventBus bus, BusCounters counters, GatewayConnections connections, CancellationToken ct)
    {
        IReadOnlyList<TopicConfig> all = await bus.Store.ListTopicsAsync(ct).ConfigureAwait(false);
        var names = new HashSet<string>(all.Select(t => t.Name), StringComparer.Ordinal);
        var topics = new List<object>(all.Count);
        foreach (TopicConfig t in all)
        {
            IReadOnlyList<long> heads = await bus.GetHeadsAsync(t.Name, ct).ConfigureAwait(false);
            var groups = new List<object>();
            foreach (string group in await bus.ListGroupsAsync(t.Name, ct).ConfigureAwait(false))
            {
                IReadOnlyList<GroupPartitionState> state = await bus.GetGroupStateAsync(t.Name, group, ct).ConfigureAwait(false);
                (long delivered, long acked, long nacked, long inflight) = counters.Group(t.Name, group);
                groups.Add(new { group, lag = state.Sum(s => s.Lag), delivered, acked, nacked, inflight, partitions = TopicOps.PartitionsOf(state) });
            }

            string dlq = BusNames.DlqTopic(t.Name);
            topics.Add(new
            {
                name = t.Name,
                partitions = t.Partitions,
                head = heads.Sum(),
                published = counters.Published(t.Name),
                dlq = names.Contains(dlq) ? await DlqPendingAsync(bus, dlq, ct).ConfigureAwait(false) : 0,
                groups,
            });
        }

        return OpsJson.Ok(new
        {
            uptime_ms = Environment.TickCount64 - s_started,
            connections = connections.Count,
            connections_opened = connections.Opened,
            topics,
        });
    }

    public static IResult Connections(GatewayConnections connections) => OpsJson.Ok(connections.Snapshot().Select(c => new
    {
        id = c.Id,
        principal = c.Principal?.Name,
        remote = c.Remote,
        opened_at = c.OpenedAt,
        subscriptions = c.Subscriptions.Select(s => new { topic = s.Topic, group = s.Group, open = s.OpenCount }).ToArray(),
    }).ToArray());

    public static async Task<IResult> ReadyAsync(EventBus bus, GatewayConnections connections, CancellationToken ct)
    {
        if (connections.IsStopping)
        {
            return OpsJson.Ok(new { status = "stopping", msg = "The server is shutting down." }, StatusCodes.Status503ServiceUnavailable);
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(2));
        try
        {
            await bus.Store.ListTopicsAsync(timeout.Token).ConfigureAwait(false);
            return OpsJson.Ok(new { status = "ready" });
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return OpsJson.Ok(new { status = "store_unavailable", msg = ex.Message }, StatusCodes.Status503ServiceUnavailable);
        }
    }

    /// <summary>DLQ entries not yet replayed: the DLQ's records above the replay group's watermark (all of them before any replay).</summary>
    private static async Task<long> DlqPendingAsync(EventBus bus, string dlq, CancellationToken ct)
    {
        IReadOnlyList<long> heads = await bus.GetHeadsAsync(dlq, ct).ConfigureAwait(false);
        IReadOnlyList<string> groups = await bus.ListGroupsAsync(dlq, ct).ConfigureAwait(false);
        if (!groups.Contains(DlqReplayGroup, StringComparer.Ordinal))
        {
            return heads.Sum();
        }

        IReadOnlyList<GroupPartitionState> state = await bus.GetGroupStateAsync(dlq, DlqReplayGroup, ct).ConfigureAwait(false);
        return state.Sum(s => s.Lag);
    }
}
