using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics.Metrics;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bus.InMemory;
using Xunit;

namespace Prom.Bus.Tests.Unit;

public sealed class MetricsTests
{
    [Fact]
    public async Task PublishDeliverAckNack_AreCountedWithTheSeedsInstrumentNamesAndTags()
    {
        const string topic = "metrics.probe";
        var seen = new ConcurrentBag<(string Name, double Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == BusMetrics.MeterName)
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        void Record(Instrument i, double v, ReadOnlySpan<KeyValuePair<string, object?>> tags)
        {
            var dict = new Dictionary<string, object?>();
            foreach (KeyValuePair<string, object?> t in tags)
            {
                dict[t.Key] = t.Value;
            }

            if (Equals(dict.GetValueOrDefault("topic"), topic))
            {
                seen.Add((i.Name, v, dict));
            }
        }

        listener.SetMeasurementEventCallback<long>((i, v, tags, _) => Record(i, v, tags));
        listener.SetMeasurementEventCallback<double>((i, v, tags, _) => Record(i, v, tags));
        listener.Start();

        await using var bus = new EventBus(new InMemoryBusStore());
        await bus.PublishAsync(PublishRequest.FromJson(topic, "1"));
        await bus.PublishAsync(PublishRequest.FromJson(topic, "2"));
        await using Subscription sub = await bus.SubscribeAsync(topic, "g");
        await (await sub.ReceiveWithin()).AckAsync();
        await (await sub.ReceiveWithin()).NackAsync("no", TimeSpan.FromMinutes(1));

        double Sum(string name) => seen.Where(s => s.Name == name).Sum(s => s.Value);
        Assert.Equal(2, Sum("events_published_total"));
        Assert.Equal(2, Sum("events_delivered_total"));
        Assert.Equal(1, Sum("events_acked_total"));
        Assert.Equal(1, Sum("events_nacked_total"));
        Assert.Equal(0, Sum("events_inflight"));
        Assert.Equal(2, seen.Count(s => s.Name == "delivery_latency_ms"));
        Assert.All(seen.Where(s => s.Name == "events_delivered_total"), s => Assert.Equal("g", s.Tags["group"]));
    }
}
