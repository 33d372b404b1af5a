using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
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

    /// <summary>The clock of <see cref="Bus"/> after <see cref="UseFakeClock"/>; null while the bus runs on the wall clock.</summary>
    protected FakeTimeProvider? Clock { get; private set; }

    /// <summary>Short intervals so lease, heartbeat and poll behaviour is observable within a test.</summary>
    protected static BusOptions FastOptions() => new()
    {
        PollInterval = TimeSpan.FromMilliseconds(20),
        NotifiedPollInterval = TimeSpan.FromMilliseconds(20), // the PostgreSQL store notifies; tests poll as fast anyway
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

    /// <summary>
    /// Replaces <see cref="Bus"/> by one on the same store whose clock is a <see cref="FakeTimeProvider"/> (starting at
    /// the wall-clock now): leases, nack delays, backoff and member expiry then move only when the test advances it, so
    /// these tests neither wait on the wall clock nor flake on a loaded machine.
    /// </summary>
    protected async Task<FakeTimeProvider> UseFakeClock()
    {
        await Bus.DisposeAsync();
        Clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        BusOptions options = FastOptions();
        options.TimeProvider = Clock;
        Bus = new EventBus(Store, options);
        return Clock;
    }

    /// <summary>
    /// Advances the fake clock until <paramref name="sub"/> delivers: in 50 ms steps up to <paramref name="due"/> (the
    /// lease or delay the test waits out), then in 1 ms steps, each step firing the subscription's poll timer so it
    /// re-checks the store at the new time. The fine steps after <paramref name="due"/> keep the clock from running past
    /// the new lease while a claim is in flight. Fails after 10 s of wall-clock time. Returns the delivery and the fake
    /// time advanced.
    /// </summary>
    protected async Task<(Delivery Delivery, TimeSpan Advanced)> ReceiveAdvancing(Subscription sub, TimeSpan due)
    {
        FakeTimeProvider clock = Clock ?? throw new InvalidOperationException("Call UseFakeClock first.");
        using var cts = new System.Threading.CancellationTokenSource(10_000);
        Task<Delivery> receive = sub.ReceiveAsync(cts.Token).AsTask();
        TimeSpan advanced = TimeSpan.Zero;
        while (!receive.IsCompleted)
        {
            TimeSpan step = advanced < due ? TimeSpan.FromMilliseconds(50) : TimeSpan.FromMilliseconds(1);
            clock.Advance(step);
            advanced += step;
            await Task.WhenAny(receive, Task.Delay(5));
        }

        try
        {
            return (await receive, advanced);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No delivery on {sub.Topic}/{sub.Group} within 10 s of wall-clock time ({advanced} of fake time).");
        }
    }

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
