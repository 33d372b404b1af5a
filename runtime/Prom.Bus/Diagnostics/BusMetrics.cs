using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Prom.Bus;

/// <summary>
/// Instruments of the bus on the meter <c>Prom.Bus</c>, with the seed's names: <c>events_published_total{topic}</c>,
/// <c>events_delivered_total{topic,group}</c>, <c>events_acked_total{topic,group}</c>,
/// <c>events_nacked_total{topic,group}</c>, <c>events_inflight{topic,group}</c>, <c>delivery_latency_ms{topic,group}</c>.
/// </summary>
public static class BusMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Prom.Bus";

    // The meter reports the assembly's version (major.minor.patch of <VersionPrefix>), so dashboards can tell builds apart.
    private static readonly Meter s_meter = new(MeterName, typeof(BusMetrics).Assembly.GetName().Version?.ToString(3));

    internal static readonly Counter<long> Published = s_meter.CreateCounter<long>("events_published_total", description: "Records made durable by publish.");
    internal static readonly Counter<long> Delivered = s_meter.CreateCounter<long>("events_delivered_total", description: "Deliveries handed to consumers (redeliveries included).");
    internal static readonly Counter<long> Acked = s_meter.CreateCounter<long>("events_acked_total", description: "Acks that settled a record.");
    internal static readonly Counter<long> Nacked = s_meter.CreateCounter<long>("events_nacked_total", description: "Nacks (released or dead-lettered).");
    internal static readonly UpDownCounter<long> InFlight = s_meter.CreateUpDownCounter<long>("events_inflight", description: "Deliveries held by consumers and not yet settled.");
    internal static readonly Histogram<double> Latency = s_meter.CreateHistogram<double>("delivery_latency_ms", unit: "ms", description: "Publish to delivery time.");

    internal static KeyValuePair<string, object?> Topic(string topic) => new("topic", topic);

    internal static KeyValuePair<string, object?> Group(string group) => new("group", group);
}
