using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Prom.Bus.Gateway.OpsHttp;

namespace Prom.Bus.Gateway.Connections;

/// <summary>
/// The live connections of this gateway node (for stats and graceful shutdown). When the host begins to stop, every
/// connection is told to shut down and new WebSocket upgrades are refused with 503.
/// </summary>
public sealed class GatewayConnections
{
    private readonly ConcurrentDictionary<GatewayConnection, byte> _live = new();
    private long _opened;
    private volatile bool _stopping;

    /// <summary>Connections open now.</summary>
    public int Count => _live.Count;

    /// <summary>Connections accepted since start.</summary>
    public long Opened => Interlocked.Read(ref _opened);

    /// <summary>Whether the host is stopping (no new connections).</summary>
    public bool IsStopping => _stopping;

    /// <summary>A snapshot of the live connections.</summary>
    internal IReadOnlyList<GatewayConnection> Snapshot() => _live.Keys.ToArray();

    internal void Add(GatewayConnection c)
    {
        _live[c] = 0;
        Interlocked.Increment(ref _opened);
        GatewayMetrics.Connections.Add(1);
    }

    internal void Remove(GatewayConnection c)
    {
        if (_live.TryRemove(c, out _))
        {
            GatewayMetrics.Connections.Add(-1);
        }
    }

    /// <summary>Stops accepting and asks every connection to finish its replies and close (1001).</summary>
    internal void BeginShutdown()
    {
        _stopping = true;
        foreach (GatewayConnection c in _live.Keys)
        {
            c.BeginShutdown();
        }
    }
}
