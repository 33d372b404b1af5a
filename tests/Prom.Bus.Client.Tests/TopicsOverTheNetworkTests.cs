using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Prom.Bus.Hosting;
using Prom.Generated;
using Prom.Testing;
using Prom.Topics;
using Xunit;

namespace Prom.Bus.Client.Tests;

/// <summary>Generated [Topic] clients and hosted consumers, unchanged, over the network client: in this process and in another one.</summary>
public sealed class TopicsOverTheNetworkTests
{
    [Fact]
    public async Task GeneratedClient_PublishesAndReceivesTypedPayloadsOverTheNetwork()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        await using BusClient network = gateway.Client();
        TopicClient<SensorReading> client = SensorReadingTopic.CreateClient(network);
        await using TopicSubscription<SensorReading> sub = await client.SubscribeAsync("dashboards", ct: TestWait.Seconds(20));
        EventRecord sent = await client.PublishAsync(new SensorReading("t-7", 21.25, 1), ct: TestWait.Seconds(20));

        TopicDelivery<SensorReading> d = await sub.ReceiveAsync(TestWait.Seconds(20));
        Assert.Equal(new SensorReading("t-7", 21.25, 1), d.Payload);
        Assert.Equal("t-7", d.Key);
        Assert.Equal("1", d.Headers["x-schema-version"]);
        await d.AckAsync(TestWait.Seconds(20));

        EventRecord stored = await gateway.Bus.ReplayAsync(SensorReadingTopic.Name, StartPosition.Earliest).SingleAsync(TestWait.Seconds(20));
        Assert.Equal(sent.Id, stored.Id);
        Assert.Equal(sent.Partition, stored.Partition);
    }

    [Fact]
    public async Task HostedConsumer_OverAddPromBusClient_HandlesEveryRecord()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        var inbox = new Inbox();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton(inbox);
        builder.Services.AddPromTopics();
        BusClientOptions options = gateway.ClientOptions();
        builder.Services.AddPromBusClient(o =>
        {
            o.Url = options.Url;
            o.Token = options.Token;
            o.RequestTimeout = options.RequestTimeout;
        }).AddConsumer<InboxHandler, SensorReading>(SensorReadingTopic.Name, "archive");
        using IHost host = builder.Build();
        await host.StartAsync(TestWait.Seconds(30));
        Assert.IsType<BusClient>(host.Services.GetRequiredService<IBusClient>());

        TopicClient<SensorReading> client = host.Services.GetRequiredService<TopicClient<SensorReading>>();
        for (int i = 0; i < 20; i++)
        {
            await client.PublishAsync(new SensorReading($"s-{i % 3}", i, i), ct: TestWait.Seconds(20));
        }

        await BusClientTests.WaitUntilAsync(() => Task.FromResult(inbox.Seqs.Count >= 20));
        Assert.Equal(Enumerable.Range(0, 20), inbox.Seqs.Order());
        await host.StopAsync(TestWait.Seconds(20));
        await BusClientTests.WaitUntilAsync(async () =>
            (await gateway.Bus.GetGroupStateAsync(SensorReadingTopic.Name, "archive")).Sum(p => p.Watermark) == 20);
    }

    [Fact]
    public async Task ConsumerInAnotherProcess_ReceivesWhatThisProcessPublishes()
    {
        await using TestGateway gateway = await TestGateway.StartAsync();
        string childDll = Path.Combine(RepositoryLayout.Root(), "tests", "Prom.Bus.Client.Child", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Prom.Bus.Client.Child.dll");
        Assert.True(File.Exists(childDll), $"The child consumer was not built at {childDll}");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { childDll, gateway.WebSocketUri.ToString(), TestGateway.Token, "other-process" },
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using Process child = Process.Start(start)!;
        var lines = new BlockingCollection<string>();
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lines.Add(e.Data);
            }
        };
        child.BeginOutputReadLine();
        string stderr = string.Empty;
        _ = Task.Run(async () => stderr = await child.StandardError.ReadToEndAsync());
        try
        {
            await using BusClient network = gateway.Client();
            TopicClient<SensorReading> client = SensorReadingTopic.CreateClient(network);
            var sent = new HashSet<string>();
            for (int i = 1; i <= 10; i++)
            {
                sent.Add((await client.PublishAsync(new SensorReading("parent", i, i), ct: TestWait.Seconds(20))).Id);
            }

            var received = new HashSet<string>();
            string? published = null;
            DateTime until = DateTime.UtcNow.AddSeconds(60);
            while (!(received.IsSupersetOf(sent) && published is not null))
            {
                Assert.True(lines.TryTake(out string? line, until - DateTime.UtcNow > TimeSpan.Zero ? until - DateTime.UtcNow : TimeSpan.Zero),
                    $"The child did not report every record in time; got {received.Count} of {sent.Count}. stderr: {stderr}");
                string[] parts = line!.Split(' ');
                if (parts[0] == "RECEIVED")
                {
                    received.Add(parts[3]);
                }
                else if (parts[0] == "PUBLISHED")
                {
                    published = parts[1];
                }
            }

            // The child's own publish through its generated client is in the store too.
            List<EventRecord> stored = await gateway.Bus.ReplayAsync(SensorReadingTopic.Name, StartPosition.Earliest).ToListAsync(TestWait.Seconds(20));
            Assert.Contains(stored, r => r.Id == published);
        }
        finally
        {
            child.StandardInput.Close();
            if (!child.WaitForExit(15_000))
            {
                child.Kill(entireProcessTree: true);
            }
        }
    }

    internal sealed class Inbox
    {
        public ConcurrentBag<int> Seqs { get; } = [];
    }

    internal sealed class InboxHandler(Inbox inbox) : IBusHandler<SensorReading>
    {
        public Task HandleAsync(BusMessage<SensorReading> message, CancellationToken ct)
        {
            inbox.Seqs.Add(message.Value.Seq);
            return Task.CompletedTask;
        }
    }
}
