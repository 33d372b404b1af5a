using System;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prom.Bus;
using Prom.Bus.InMemory;
using Prom.Generated;
using Prom.Topics.Registry;
using Xunit;

namespace Prom.Topics.Tests;

public sealed class SchemaRegistryWiringTests
{
    private static CancellationToken Timeout() => new CancellationTokenSource(TimeSpan.FromSeconds(20)).Token;

    [Fact]
    public async Task AddPromTopics_RegistersEveryDeclaredVersionWhenTheHostStarts()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddPromBus();
        builder.Services.AddPromTopics().AddPromTopics(); // twice: still one registration per version
        using IHost host = builder.Build();
        await host.StartAsync(Timeout());
        try
        {
            TopicSchemaRegistry registry = host.Services.GetRequiredService<TopicSchemaRegistry>();
            Assert.Equal(new[] { 1, 2, 3 }, registry.Versions("heartbeat.received").Select(d => d.Version));
            Assert.Same(HeartbeatV2Topic.Descriptor, registry.Find("heartbeat.received", 2));
            Assert.Same(registry, host.Services.GetRequiredService<TopicClient<HeartbeatV2>>().Registry);
            Assert.Equal(PromTopics.Descriptors.Count, host.Services.GetServices<TopicDescriptor>().Count());
        }
        finally
        {
            await host.StopAsync(Timeout());
        }
    }

    [Fact]
    public async Task ConflictingVersionRegisteredInDi_FailsTheHostStartNamingTopicAndVersion()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddPromBus();
        builder.Services.AddPromTopics();
        builder.Services.AddSingleton(HeartbeatV1Topic.Descriptor with { PayloadType = typeof(Ping) }); // a second v1
        using IHost host = builder.Build();
        TopicSchemaException error = await Assert.ThrowsAsync<TopicSchemaException>(() => host.StartAsync(Timeout()));
        Assert.Contains("Topic 'heartbeat.received' version 1 is already registered", error.Message);
    }

    [Fact]
    public async Task IncompatibleVersionRegisteredInDi_FailsTheHostStartNamingTheField()
    {
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddPromBus();
        builder.Services.AddPromTopics();
        // A v4 that requires a field v3 records lack, under Backward.
        string schema = HeartbeatV3Topic.JsonSchema.Replace("\"required\":[", "\"required\":[\"rack\",").Replace("\"properties\":{", "\"properties\":{\"rack\":{\"type\":\"string\"},");
        builder.Services.AddSingleton(HeartbeatV3Topic.Descriptor with { Version = 4, Compatibility = Compatibility.Backward, JsonSchema = schema });
        using IHost host = builder.Build();
        TopicSchemaException error = await Assert.ThrowsAsync<TopicSchemaException>(() => host.StartAsync(Timeout()));
        Assert.Contains("version 4", error.Message);
        Assert.Contains("field 'rack' is required in v4 but does not exist in v3", error.Message);
    }

    [Fact]
    public async Task ClientWithARegistry_RefusesToPublishAnUnregisteredVersionAndStoresNothing()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        var registry = new TopicSchemaRegistry();
        registry.Register(HeartbeatV1Topic.Descriptor);
        TopicSchemaException error = await Assert.ThrowsAsync<TopicSchemaException>(async () =>
            await HeartbeatV2Topic.CreateClient(bus, registry).PublishAsync(new HeartbeatV2(1, "a", "h", 1, 1), ct: Timeout()));
        Assert.Contains("Topic 'heartbeat.received' version 2 ('HeartbeatV2') is not registered in the schema registry", error.Message);
        Assert.Null(await bus.Store.GetTopicAsync("heartbeat.received"));

        EventRecord stored = await HeartbeatV1Topic.CreateClient(bus, registry).PublishAsync(new HeartbeatV1(1, "a", "h", 1, 1), ct: Timeout());
        Assert.Equal("1", stored.Headers["x-schema-version"]);
    }

    [Fact]
    public async Task InvalidPayload_IsRejectedOnPublishNamingTopicAndField()
    {
        await using var bus = new EventBus(new InMemoryBusStore());
        TopicPayloadException error = await Assert.ThrowsAsync<TopicPayloadException>(async () =>
            await HeartbeatV2Topic.CreateClient(bus, PromTopics.CreateSchemaRegistry()).PublishAsync(new HeartbeatV2(1, null!, "h", 1, 1), ct: Timeout()));
        Assert.Equal("Member 'Name' (JSON 'name') of payload 'HeartbeatV2' on topic 'heartbeat.received' is required but null.", error.Message);
        Assert.Null(await bus.Store.GetTopicAsync("heartbeat.received"));
    }

    [Fact]
    public void CreateSchemaRegistry_HoldsEveryDeclaredVersionAndRegisteringV1AgainFails()
    {
        TopicSchemaRegistry registry = PromTopics.CreateSchemaRegistry();
        Assert.Equal(3, registry.Latest("heartbeat.received")!.Version);
        TopicSchemaException error = Assert.Throws<TopicSchemaException>(() => registry.Register(HeartbeatV1Topic.Descriptor));
        Assert.Contains("Topic 'heartbeat.received' version 1 is already registered (by 'HeartbeatV1')", error.Message);
    }

    [Fact]
    public void AsyncApiJson_BuiltAtCompileTime_IsTheRunTimeExportOfTheSameDescriptors()
    {
        JsonNode generated = JsonNode.Parse(PromTopics.AsyncApiJson)!;
        JsonNode runtime = JsonNode.Parse(AsyncApiExport.ToJson(PromTopics.Descriptors, "Prom.Topics.Tests", generated["info"]!["version"]!.GetValue<string>()))!;
        Assert.True(JsonNode.DeepEquals(runtime, generated), "the compile-time AsyncAPI document differs from the run-time export");
        Assert.Equal("3.0.0", generated["asyncapi"]!.GetValue<string>());
        Assert.Equal("Prom.Topics.Tests", generated["info"]!["title"]!.GetValue<string>());
        Assert.Equal(new[] { "v1", "v2", "v3" }, generated["channels"]!["heartbeat.received"]!["messages"]!.AsObject().Select(p => p.Key));
        Assert.Equal("mem_mib", generated["components"]!["messages"]!["heartbeat.received.v2"]!["payload"]!["required"]![4]!.GetValue<string>());
    }
}
