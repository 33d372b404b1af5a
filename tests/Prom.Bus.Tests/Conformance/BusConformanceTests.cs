using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

/// <summary>
/// The one conformance suite every <see cref="IBusStore"/> must pass. Each store gets a sealed subclass that only says
/// how to create a fresh store; the tests are split over partial files by topic (publish/start, window/watermark,
/// leases/DLQ, groups/ordering, maintenance, bad input, seed defects).
/// </summary>
public abstract partial class BusConformanceTests : IAsyncLifetime
{
    private readonly List<IBusStore> _stores = [];

    protected EventBus Bus { get; private set; } = null!;

    protected IBusStore Store { get; private set; } = null!;

    /// <summary>Short intervals so lease, heartbeat and poll behaviour is observable within a test.</summary>
    protected static BusOptions FastOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        HeartbeatInterval = TimeSpan.FromMilliseconds(100),
        MemberTtl = TimeSpan.FromSeconds(2),
    };

    /// <summary>A fresh, empty store.</summary>
    protected abstract IBusStore CreateStore();

    public Task InitializeAsync()
    {
        Store = CreateStore();
        _stores.Add(Store);
        Bus = new EventBus(Store, FastOptions());
        return Task.CompletedTask;
    }

    public async Task DisposeAsync()
    {
        await Bus.DisposeAsync();
        foreach (IBusStore s in _stores)
        {
            await s.DisposeAsync();
        }

        await CleanupAsync();
    }

    protected virtual Task CleanupAsync() => Task.CompletedTask;

    protected async Task<EventRecord[]> PublishTexts(string topic, params string[] texts)
    {
        var list = new List<EventRecord>();
        foreach (string t in texts)
        {
            list.Add(await Bus.PublishAsync(PublishRequest.FromValue(topic, t)));
        }

        return list.ToArray();
    }

    protected async Task<long> Watermark(string topic, string group, int partition = 0) =>
        (await Bus.GetGroupStateAsync(topic, group)).Single(s => s.Partition == partition).Watermark;

    protected static SubscriptionOptions Opts(StartPosition from, int window = 32, int ackMs = 30_000, int maxAttempts = 5) => new()
    {
        From = from,
        MaxInFlight = window,
        AckTimeout = TimeSpan.FromMilliseconds(ackMs),
        MaxAttempts = maxAttempts,
    };
}
