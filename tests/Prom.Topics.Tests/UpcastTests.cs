using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Prom.Bus;
using Prom.Bus.InMemory;
using Prom.Generated;
using Xunit;

namespace Prom.Topics.Tests;

public sealed class UpcastTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task V1Heartbeat_ReachesAV2ConsumerAsV2WithHeaderVersion2()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        await HeartbeatV1Topic.CreateClient(bus).PublishAsync(new HeartbeatV1(42, "worker", "host-a", 12.5, 2048), ct: Timeout());
        await using TopicSubscription<HeartbeatV2> subscription = await HeartbeatV2Topic.CreateClient(bus).SubscribeAsync("monitor", ct: Timeout());

        TopicDelivery<HeartbeatV2> delivery = await subscription.ReceiveAsync(Timeout());

        Assert.Equal(new HeartbeatV2(42, "worker", "host-a", 12.5, 1953), delivery.Payload); // 2048 MB = 1953 MiB
        Assert.Equal(2, delivery.SchemaVersion);
        Assert.Equal(1, delivery.WrittenVersion);
        Assert.True(delivery.WasUpcast);
        Assert.Equal("2", delivery.Headers["x-schema-version"]);
        Assert.Equal("1", delivery.Headers["x-upcasted-from"]);
        Assert.Equal("1", delivery.Record.Headers["x-schema-version"]); // the stored record is untouched
        Assert.Equal("host-a", delivery.Key);
        await delivery.AckAsync();
        Assert.Equal(0, subscription.RejectedCount);
    }

    [Fact]
    public async Task LatestConsumer_ReadsEveryVersionThroughTheChain()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        EventRecord v1 = await HeartbeatV1Topic.CreateClient(bus).PublishAsync(new HeartbeatV1(1, "a", "h", 1, 1000), ct: Timeout());
        EventRecord v2 = await HeartbeatV2Topic.CreateClient(bus).PublishAsync(new HeartbeatV2(2, "b", "h", 2, 500), ct: Timeout());
        EventRecord v3 = await HeartbeatV3Topic.CreateClient(bus).PublishAsync(new HeartbeatV3(3, "c", "h", 3, 700, "eu"), ct: Timeout());
        TopicClient<HeartbeatV3> latest = HeartbeatV3Topic.CreateClient(bus);

        Assert.Equal(new[] { 1, 2, 3 }, latest.ReadableVersions);
        Assert.Equal(new HeartbeatV3(1, "a", "h", 1, 953), latest.Decode(v1)); // upcaster, then the v2 → v3 schema step
        Assert.Equal(new HeartbeatV3(2, "b", "h", 2, 500), latest.Decode(v2)); // read directly: v3 is backward compatible
        Assert.Equal(new HeartbeatV3(3, "c", "h", 3, 700, "eu"), latest.Decode(v3, out int written));
        Assert.Equal(3, written);
    }

    [Fact]
    public async Task OlderConsumer_ReadsForwardCompatibleNewerRecordsButNotIncompatibleOnes()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        EventRecord v2 = await HeartbeatV2Topic.CreateClient(bus).PublishAsync(new HeartbeatV2(2, "b", "h", 2, 500), ct: Timeout());
        EventRecord v3 = await HeartbeatV3Topic.CreateClient(bus).PublishAsync(new HeartbeatV3(3, "c", "h", 3, 700, "eu"), ct: Timeout());

        Assert.Equal(new[] { 1, 2, 3 }, HeartbeatV2Topic.ReadableVersions); // v3 is Full: v2 consumers read it
        Assert.Equal(new HeartbeatV2(3, "c", "h", 3, 700), HeartbeatV2Topic.CreateClient(bus).Decode(v3));

        Assert.Equal(new[] { 1 }, HeartbeatV1Topic.ReadableVersions); // v2 is Compat = None: nothing reads it as v1
        TopicPayloadException error = Assert.Throws<TopicPayloadException>(() => HeartbeatV1Topic.CreateClient(bus).Decode(v2));
        Assert.Contains("it has schema version 2, this consumer reads version 1 and has no upcaster from it (readable versions: 1)", error.Message);
    }

    [Fact]
    public async Task OldRecordBreakingItsOwnSchema_IsNackedNamingTheMember()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        TopicClient<HeartbeatV2> v2 = HeartbeatV2Topic.CreateClient(bus);
        await v2.EnsureTopicAsync(Timeout());
        // A v1 record without mem_mb: v1's own codec refuses it before the upcaster runs.
        await bus.PublishAsync(new PublishRequest(HeartbeatV1Topic.Name, "{\"pid\":1,\"name\":\"a\",\"host\":\"h\",\"cpu_pct\":1}"u8.ToArray())
        {
            Headers = new Dictionary<string, string> { ["x-schema-version"] = "1" },
        }, Timeout());
        await v2.PublishAsync(new HeartbeatV2(2, "b", "h", 2, 5), ct: Timeout());
        await using TopicSubscription<HeartbeatV2> subscription = await v2.SubscribeAsync("monitor", ct: Timeout());

        TopicDelivery<HeartbeatV2> good = await subscription.ReceiveAsync(Timeout());
        Assert.Equal(2, good.Payload.Pid);
        Assert.Equal(1, subscription.RejectedCount);
        Assert.Equal(2, HeartbeatV2Topic.ReadVersion(2, HeartbeatV2Topic.Serialize(good.Payload)).Pid);
        TopicPayloadException error = Assert.Throws<TopicPayloadException>(() => HeartbeatV2Topic.ReadVersion(1, "{\"pid\":1,\"name\":\"a\",\"host\":\"h\",\"cpu_pct\":1}"u8));
        Assert.Contains("Member 'MemMb' (JSON 'mem_mb') of payload 'HeartbeatV1'", error.Message);
    }

    [Fact]
    public void UnknownVersion_IsRefusedByTheGeneratedReader()
    {
        TopicPayloadException error = Assert.Throws<TopicPayloadException>(() => HeartbeatV3Topic.ReadVersion(9, "{}"u8));
        Assert.Contains("cannot be read from schema version 9: no upcaster chain reaches version 3 from it (readable versions: 1, 2, 3)", error.Message);
    }

    [Fact]
    public async Task HostedConsumerOfTheLatestVersion_ReceivesOlderRecordsUpcast()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var received = new HeartbeatInbox();
        builder.Services.AddSingleton(received);
        builder.Services.AddPromBus().AddConsumer<HeartbeatHandler, HeartbeatV3>(HeartbeatV3Topic.Name, "dashboard");
        builder.Services.AddPromTopics();
        using Microsoft.Extensions.Hosting.IHost host = builder.Build();
        await host.StartAsync(Timeout());
        try
        {
            await host.Services.GetRequiredService<TopicClient<HeartbeatV1>>().PublishAsync(new HeartbeatV1(7, "old", "h", 1, 2048), ct: Timeout());
            await host.Services.GetRequiredService<TopicClient<HeartbeatV3>>().PublishAsync(new HeartbeatV3(8, "new", "h", 1, 64, "eu"), ct: Timeout());
            HeartbeatV3[] got = await received.TakeAsync(2, TimeSpan.FromSeconds(15));
            Assert.Equal(new[] { new HeartbeatV3(7, "old", "h", 1, 1953), new HeartbeatV3(8, "new", "h", 1, 64, "eu") }, got.OrderBy(h => h.Pid));
        }
        finally
        {
            await host.StopAsync(Timeout());
        }
    }

    private sealed class HeartbeatInbox
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<HeartbeatV3> _items = new();
        private readonly SemaphoreSlim _count = new(0);

        public void Add(HeartbeatV3 item)
        {
            _items.Enqueue(item);
            _count.Release();
        }

        public async Task<HeartbeatV3[]> TakeAsync(int count, TimeSpan timeout)
        {
            using var deadline = new CancellationTokenSource(timeout);
            for (int i = 0; i < count; i++) await _count.WaitAsync(deadline.Token);
            return _items.ToArray();
        }
    }

    private sealed class HeartbeatHandler(HeartbeatInbox inbox) : Prom.Bus.Hosting.IBusHandler<HeartbeatV3>
    {
        public Task HandleAsync(Prom.Bus.Hosting.BusMessage<HeartbeatV3> message, CancellationToken ct)
        {
            inbox.Add(message.Value);
            return Task.CompletedTask;
        }
    }
}
