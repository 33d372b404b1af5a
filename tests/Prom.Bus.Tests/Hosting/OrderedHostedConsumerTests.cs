using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Prom.Bus.Hosting;
using Prom.Bus.InMemory;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Hosting;

/// <summary>A hosted consumer of an ordered subscription with a window: partitions in parallel, each one in offset order.</summary>
public sealed class OrderedHostedConsumerTests
{
    public sealed record Job(int N);

    /// <summary>What the handlers saw, shared across DI scopes.</summary>
    public sealed class Journal
    {
        public ConcurrentQueue<(int Partition, long Offset, int Attempt)> Entered { get; } = new();

        public ConcurrentDictionary<int, int> Running { get; } = new();

        public int MaxRunningInOnePartition;

        public long FailOffset { get; set; }
    }

    public sealed class JobHandler(Journal journal) : IBusHandler<Job>
    {
        public async Task HandleAsync(BusMessage<Job> message, CancellationToken ct)
        {
            EventRecord r = message.Delivery.Record;
            journal.Entered.Enqueue((r.Partition, r.Offset, message.Delivery.Attempt));
            int running = journal.Running.AddOrUpdate(r.Partition, 1, (_, n) => n + 1);
            InterlockedMax(ref journal.MaxRunningInOnePartition, running);
            try
            {
                await Task.Delay(2, ct);
                if (r.Partition == 0 && r.Offset == journal.FailOffset && message.Delivery.Attempt == 1)
                {
                    throw new InvalidOperationException("first attempt fails");
                }
            }
            finally
            {
                journal.Running.AddOrUpdate(r.Partition, 0, (_, n) => n - 1);
            }
        }

        private static void InterlockedMax(ref int target, int value)
        {
            int seen;
            while (value > (seen = Volatile.Read(ref target)) && Interlocked.CompareExchange(ref target, value, seen) != seen)
            {
            }
        }
    }

    [Fact]
    public async Task OrderedHostedConsumer_HandlesEachPartitionInOffsetOrder_OneAtATime_AndRetriesAFailureBeforeTheRecordsAfterIt()
    {
        var journal = new Journal { FailOffset = 3 };
        var store = new InMemoryBusStore();
        HostApplicationBuilder builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton(journal);
        builder.Services.AddSingleton<IBusStore>(store);
        builder.Services.AddPromBus(o => o.PollInterval = TimeSpan.FromMilliseconds(20))
            .AddConsumer<JobHandler, Job>("ordered.jobs", "lanes", c =>
            {
                c.Subscription.Ordered = true;
                c.Subscription.MaxInFlight = 8;
                c.Subscription.MaxInFlightPerPartition = 4;
                c.Subscription.BackoffBase = TimeSpan.FromMilliseconds(50);
            });
        using IHost host = builder.Build();
        var bus = host.Services.GetRequiredService<EventBus>();
        await bus.CreateTopicAsync(new TopicConfig("ordered.jobs", Partitions: 2));
        for (int i = 0; i < 40; i++)
        {
            await bus.PublishAsync(PublishRequest.FromValue("ordered.jobs", new Job(i)) with { Partition = i % 2 });
        }

        await host.StartAsync();
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (!(await bus.GetGroupStateAsync("ordered.jobs", "lanes")).All(s => s.Watermark == s.Head))
        {
            Assert.True(clock.ElapsedMilliseconds < 20_000, "the consumer did not settle all 40 records within 20 s");
            await Task.Delay(20);
        }

        await host.StopAsync();

        Assert.Equal(1, journal.MaxRunningInOnePartition);
        foreach (IGrouping<int, (int Partition, long Offset, int Attempt)> partition in journal.Entered.GroupBy(e => e.Partition))
        {
            // Handler entries of a partition, with the failed first attempt taken out, are exactly 1..20 in order: the
            // retry of offset 3 came before 4, although 4.. were already in the window when 3 failed.
            var entries = partition.ToList();
            if (partition.Key == 0)
            {
                Assert.Contains((0, 3L, 1), entries);
                entries.Remove((0, 3L, 1));
            }

            Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), entries.Select(e => e.Offset));
        }
    }
}
