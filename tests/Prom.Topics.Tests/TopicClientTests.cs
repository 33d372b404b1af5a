using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Prom.Bus;
using Prom.Bus.InMemory;
using Xunit;

namespace Prom.Topics.Tests;

public sealed class TopicClientTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task FirstPublish_CreatesTheTopicWithTheDeclaredSettings()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        EventRecord record = await PingTopic.CreateClient(bus).PublishAsync(new Ping(1, "node-1"), ct: Timeout());
        TopicConfig topic = (await bus.Store.GetTopicAsync("ping.sent"))!;
        Assert.Equal(new TopicConfig("ping.sent", 3, TimeSpan.FromDays(2), Compacted: true), topic);
        Assert.Equal("node-1", record.Key);
        Assert.Equal("2", record.Headers[TopicHeaders.SchemaVersion]);
    }

    [Fact]
    public async Task UndeclaredPartitions_UseTheBusDefault()
    {
        await using var bus = new EventBus(new InMemoryBusStore(), new BusOptions { DefaultPartitions = 5 });
        TopicConfig topic = await JobFinishedTopic.CreateClient(bus).EnsureTopicAsync(Timeout());
        Assert.Equal(5, topic.Partitions);
        Assert.Null(topic.Retention);
    }

    [Fact]
    public async Task ExplicitKey_WinsOverTheKeyMember()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        EventRecord record = await PingTopic.CreateClient(bus).PublishAsync(new Ping(1, "node-1"), key: "override", ct: Timeout());
        Assert.Equal("override", record.Key);
    }

    [Fact]
    public async Task ConflictingSchemaVersionHeader_IsRejectedAndNothingIsStored()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        TopicClient<Ping> client = PingTopic.CreateClient(bus);
        ArgumentException error = await Assert.ThrowsAsync<ArgumentException>(async () =>
            await client.PublishAsync(new Ping(1, "a"), headers: new Dictionary<string, string> { ["x-schema-version"] = "1" }, ct: Timeout()));
        Assert.Contains("'x-schema-version' is '1', but 'Ping' is version 2 of topic 'ping.sent'", error.Message);
        Assert.Null(await bus.Store.GetTopicAsync("ping.sent"));

        EventRecord same = await client.PublishAsync(new Ping(1, "a"), headers: new Dictionary<string, string> { ["x-schema-version"] = "2", ["content-type"] = "application/vnd.ping+json" }, ct: Timeout());
        Assert.Equal("application/vnd.ping+json", same.Headers["content-type"]);
    }

    [Fact]
    public async Task InvalidHeaderKeyAtRunTime_IsRejectedByTheBus()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        string key = string.Concat("correlation", "Id"); // not a literal: only the bus can catch it
        BusException error = await Assert.ThrowsAsync<BusException>(async () =>
            await PingTopic.CreateClient(bus).PublishAsync(new Ping(1, "a"), headers: new Dictionary<string, string> { [key] = "c" }, ct: Timeout()));
        Assert.Equal(BusErrorCode.InvalidHeader, error.Code);
    }

    [Fact]
    public async Task TopicWithOtherPartitionCount_FailsClearly()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        await bus.CreateTopicAsync(new TopicConfig("ping.sent", 1));
        await Assert.ThrowsAsync<BusException>(async () => await PingTopic.CreateClient(bus).PublishAsync(new Ping(1, "a"), ct: Timeout()));
    }

    [Theory]
    [InlineData("two")]
    [InlineData("-2")]
    [InlineData("0")]
    public async Task MalformedSchemaVersionHeader_IsADecodeError(string header)
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        EventRecord record = await bus.PublishAsync(new PublishRequest("ping.sent", PingTopic.Serialize(new Ping(1, "a")))
        {
            Headers = new Dictionary<string, string> { ["x-schema-version"] = header },
        }, Timeout());
        TopicPayloadException error = Assert.Throws<TopicPayloadException>(() => PingTopic.CreateClient(bus).Decode(record));
        Assert.Contains($"its header 'x-schema-version' is '{header}', not a positive integer", error.Message);
    }

    [Fact]
    public async Task RecordWithoutVersionHeader_IsReadAsTheClientsVersion()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        EventRecord record = await bus.PublishAsync(PublishRequest.FromJson("ping.sent", "{\"seq\":3,\"source\":\"raw\"}"), Timeout());
        Assert.Equal(new Ping(3, "raw"), PingTopic.CreateClient(bus).Decode(record));
    }

    [Fact]
    public async Task NackedDelivery_ComesBackWithTheNextAttemptAndModAckExtendsTheLease()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        TopicClient<JobFinished> client = JobFinishedTopic.CreateClient(bus);
        var job = new JobFinished { JobId = Guid.NewGuid(), At = DateTimeOffset.UnixEpoch, Ok = true };
        await client.PublishAsync(job, ct: Timeout());
        await using TopicSubscription<JobFinished> subscription = await client.SubscribeAsync("workers", ct: Timeout());

        TopicDelivery<JobFinished> first = await subscription.ReceiveAsync(Timeout());
        Assert.True(await first.ModAckAsync(TimeSpan.FromSeconds(5)));
        await first.NackAsync("try again", TimeSpan.Zero);

        TopicDelivery<JobFinished> second = await subscription.ReceiveAsync(Timeout());
        Assert.Equal(2, second.Attempt);
        Assert.Equal(job.JobId, second.Payload.JobId);
        Assert.Equal(job.JobId.ToString(), second.Key);
        await second.AckAsync();
        Assert.Equal(0, subscription.RejectedCount);
    }

    [Fact]
    public async Task AddPromTopic_RegistersClientsAndDescriptorsInARealContainer()
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(Microsoft.Extensions.Logging.Abstractions.NullLogger<>));
        services.AddPromBus();
        services.AddPromTopic(PingTopic.Codec).AddPromTopic(JobFinishedTopic.Codec);
        await using ServiceProvider provider = services.BuildServiceProvider();
        TopicClient<Ping> ping = provider.GetRequiredService<TopicClient<Ping>>();
        Assert.Same(ping, provider.GetRequiredService<TopicClient<Ping>>());
        Assert.Same(provider.GetRequiredService<EventBus>(), ping.Bus);
        Assert.Same(provider.GetRequiredService<EventBus>(), provider.GetRequiredService<IBusClient>());
        Assert.Equal(new[] { "ping.sent@2", "job.finished@1" }, provider.GetServices<TopicDescriptor>().Select(d => $"{d.Name}@{d.Version}"));
    }

    [Fact]
    public async Task HostedConsumerStartingFirst_DoesNotCreateTheTopicWithTheWrongPartitionCount()
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Services.AddPromBus().AddConsumer<PingHandler, Ping>(PingTopic.Name, "watchers");
        builder.Services.AddPromTopic(PingTopic.Codec);
        using Microsoft.Extensions.Hosting.IHost host = builder.Build();
        await host.StartAsync();
        try
        {
            TopicClient<Ping> client = host.Services.GetRequiredService<TopicClient<Ping>>();
            EventRecord stored = await client.PublishAsync(new Ping(1, "a"));
            Assert.Equal(3, (await client.EnsureTopicAsync()).Partitions); // declared, not DefaultPartitions (1)
            Assert.Equal(PingTopic.Name, stored.Topic);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    [Fact]
    public async Task HostedConsumer_ReadsPayloadsWithTheGeneratedCodec()
    {
        // JobFinished's JSON names are snake_case (job_id): System.Text.Json with default options would leave JobId empty.
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        var received = new TaskCompletionSource<JobFinished>(TaskCreationOptions.RunContinuationsAsynchronously);
        builder.Services.AddSingleton(received);
        builder.Services.AddPromBus().AddConsumer<JobHandler, JobFinished>(JobFinishedTopic.Name, "auditors");
        builder.Services.AddPromTopic(JobFinishedTopic.Codec);
        using Microsoft.Extensions.Hosting.IHost host = builder.Build();
        await host.StartAsync();
        try
        {
            Guid id = Guid.NewGuid();
            await host.Services.GetRequiredService<TopicClient<JobFinished>>().PublishAsync(new JobFinished { JobId = id, Ok = true });
            JobFinished got = await received.Task.WaitAsync(TimeSpan.FromSeconds(10));
            Assert.Equal(id, got.JobId);
            Assert.True(got.Ok);
        }
        finally
        {
            await host.StopAsync();
        }
    }

    private sealed class JobHandler(TaskCompletionSource<JobFinished> received) : Prom.Bus.Hosting.IBusHandler<JobFinished>
    {
        public Task HandleAsync(Prom.Bus.Hosting.BusMessage<JobFinished> message, System.Threading.CancellationToken ct)
        {
            received.TrySetResult(message.Value);
            return Task.CompletedTask;
        }
    }

    private sealed class PingHandler : Prom.Bus.Hosting.IBusHandler<Ping>
    {
        public Task HandleAsync(Prom.Bus.Hosting.BusMessage<Ping> message, System.Threading.CancellationToken ct) => Task.CompletedTask;
    }

    [Fact]
    public void GeneratedRegistry_ListsEveryTopicOfTheAssembly()
    {
        var services = new ServiceCollection();
        Prom.Generated.PromTopics.AddPromTopics(services);
        Assert.Equal(6, services.Count(s => s.ServiceType == typeof(TopicDescriptor)));
        Assert.Equal(new[] { "heartbeat.received@1", "heartbeat.received@2", "heartbeat.received@3", "host.report@1", "job.finished@1", "ping.sent@2" }, Prom.Generated.PromTopics.Descriptors.Select(d => $"{d.Name}@{d.Version}"));
    }
}
