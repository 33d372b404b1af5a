using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Threading;

namespace Prom.Bus.Gateway.OpsHttp;

/// <summary>
/// Totals of the <c>Prom.Bus</c> meter since this process started, per topic and per (topic, group), read by
/// <c>GET /stats</c>: the same numbers <c>/metrics</c> exports, in a shape a dashboard can difference into rates
/// without parsing Prometheus text. One <see cref="MeterListener"/> per instance.
/// </summary>
public sealed class BusCounters : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<string, StrongBoxLong> _published = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Topic, string Group), GroupTotals> _groups = new();

    /// <summary>Starts listening.</summary>
    public BusCounters()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == BusMetrics.MeterName)
            {
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.SetMeasurementEventCallback<long>(OnMeasurement);
        _listener.Start();
    }

    /// <summary>Records published to <paramref name="topic"/>.</summary>
    public long Published(string topic) => _published.TryGetValue(topic, out StrongBoxLong? b) ? Interlocked.Read(ref b.Value) : 0;

    /// <summary>Delivered, acked, nacked and in-flight counts of a group on a topic.</summary>
    public (long Delivered, long Acked, long Nacked, long InFlight) Group(string topic, string group) =>
        _groups.TryGetValue((topic, group), out GroupTotals? g)
            ? (Interlocked.Read(ref g.Delivered), Interlocked.Read(ref g.Acked), Interlocked.Read(ref g.Nacked), Interlocked.Read(ref g.InFlight))
            : (0, 0, 0, 0);

    /// <inheritdoc />
    public void Dispose() => _listener.Dispose();

    private void OnMeasurement(Instrument instrument, long value, ReadOnlySpan<KeyValuePair<string, object?>> tags, object? state)
    {
        string? topic = null, group = null;
        foreach (KeyValuePair<string, object?> t in tags)
        {
            if (t.Key == "topic")
            {
                topic = t.Value as string;
            }
            else if (t.Key == "group")
            {
                group = t.Value as string;
            }
        }

        if (topic is null)
        {
            return;
        }

        if (instrument.Name == "events_published_total")
        {
            Interlocked.Add(ref _published.GetOrAdd(topic, _ => new StrongBoxLong()).Value, value);
            return;
        }

        if (group is null)
        {
            return;
        }

        GroupTotals totals = _groups.GetOrAdd((topic, group), _ => new GroupTotals());
        switch (instrument.Name)
        {
            case "events_delivered_total":
                Interlocked.Add(ref totals.Delivered, value);
                break;
            case "events_acked_total":
                Interlocked.Add(ref totals.Acked, value);
                break;
            case "events_nacked_total":
                Interlocked.Add(ref totals.Nacked, value);
                break;
            case "events_inflight":
                Interlocked.Add(ref totals.InFlight, value);
                break;
        }
    }

    private sealed class StrongBoxLong
    {
        public long Value;
    }

    private sealed class GroupTotals
    {
        public long Delivered;
        public long Acked;
        public long Nacked;
        public long InFlight;
    }
}
