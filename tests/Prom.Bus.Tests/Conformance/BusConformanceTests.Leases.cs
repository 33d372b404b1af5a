using System;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Time.Testing;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

public abstract partial class BusConformanceTests
{
    private static readonly TimeSpan s_step = TimeSpan.FromMilliseconds(50);

    [Fact]
    public async Task LeaseExpiry_RedeliversWithAttemptPlusOne_AndTheAttemptIsPersisted()
    {
        await UseFakeClock();
        await PublishTexts("jobs", "x");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "lease", Opts(StartPosition.Earliest, ackMs: 200));
        Delivery first = await sub.ReceiveWithin();
        Assert.Equal(1, first.Attempt);
        (Delivery second, TimeSpan waited) = await ReceiveAdvancing(sub, TimeSpan.FromMilliseconds(200));
        Assert.Equal(first.Record.Id, second.Record.Id);
        Assert.Equal(2, second.Attempt);
        Assert.True(waited >= TimeSpan.FromMilliseconds(200), $"redelivered after {waited} of fake time, before the 200 ms lease ended");

        // A brand-new member (another process would do the same) continues the persisted count.
        await sub.DisposeAsync();
        await using Subscription other = await Bus.SubscribeAsync("jobs", "lease", Opts(StartPosition.Earliest, ackMs: 200));
        (Delivery third, _) = await ReceiveAdvancing(other, TimeSpan.FromMilliseconds(200));
        Assert.Equal(3, third.Attempt);
    }

    [Fact]
    public async Task ModAck_PostponesRedelivery()
    {
        await UseFakeClock();
        await PublishTexts("jobs", "x");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "modack", Opts(StartPosition.Earliest, ackMs: 600));
        Delivery d = await sub.ReceiveWithin();
        Assert.True(await d.ModAckAsync(TimeSpan.FromMilliseconds(100))); // raised to the 1 s minimum
        (Delivery again, TimeSpan waited) = await ReceiveAdvancing(sub, TimeSpan.FromSeconds(1));
        Assert.Equal(2, again.Attempt);
        Assert.True(waited >= TimeSpan.FromSeconds(1), $"redelivered after {waited} of fake time, before the extended lease ended");
    }

    [Fact]
    public async Task NackWithDelay_RedeliversAfterTheDelay()
    {
        await UseFakeClock();
        await PublishTexts("jobs", "x");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "nack", Opts(StartPosition.Earliest));
        Delivery d = await sub.ReceiveWithin();
        Assert.Equal(SettleOutcome.Released, await d.NackAsync("boom", TimeSpan.FromMilliseconds(400)));
        (Delivery again, TimeSpan waited) = await ReceiveAdvancing(sub, TimeSpan.FromMilliseconds(400));
        Assert.True(waited >= TimeSpan.FromMilliseconds(400), $"redelivered after {waited} of fake time");
        Assert.Equal(2, again.Attempt);
    }

    [Fact]
    public async Task NackWithoutDelay_UsesTheSubscriptionBackoff()
    {
        await UseFakeClock();
        await PublishTexts("jobs", "x");
        SubscriptionOptions o = Opts(StartPosition.Earliest);
        o.BackoffBase = TimeSpan.FromMilliseconds(300);
        o.BackoffJitter = 0;
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "backoff", o);
        Delivery d = await sub.ReceiveWithin();
        await d.NackAsync("boom");
        (_, TimeSpan waited) = await ReceiveAdvancing(sub, TimeSpan.FromMilliseconds(300));
        Assert.True(waited >= TimeSpan.FromMilliseconds(300), $"redelivered after {waited} of fake time");
    }

    [Fact]
    public async Task AlwaysFailingHandler_MaxAttemptsThree_YieldsExactlyOneDlqRecordWithAttemptsThreeAndTheOriginalId()
    {
        EventRecord original = (await PublishTexts("jobs", "poison"))[0];
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "fail", Opts(StartPosition.Earliest, maxAttempts: 3));
        SettleOutcome last = SettleOutcome.Released;
        for (int attempt = 1; attempt <= 3; attempt++)
        {
            Delivery d = await sub.ReceiveWithin(3000);
            Assert.Equal(attempt, d.Attempt);
            last = await d.NackAsync($"failure {attempt}", TimeSpan.Zero);
        }

        Assert.Equal(SettleOutcome.DeadLettered, last);
        await sub.AssertNothingWithin(200);
        Assert.Equal(1, await Watermark("jobs", "fail"));

        var dlq = await Store.ReadAsync("dlq.jobs", 0, 1, 100);
        EventRecord only = Assert.Single(dlq);
        DeadLetterEntry entry = DeadLetter.Read(only);
        Assert.Equal(3, entry.Attempts);
        Assert.Equal(original.Id, entry.Original.Id);
        Assert.Equal("jobs", entry.Topic);
        Assert.Equal("fail", entry.Group);
        Assert.Equal("failure 3", entry.Error);
        Assert.Equal(original.Payload.ToArray(), entry.Original.Payload.ToArray());
    }

    [Fact]
    public async Task LeaseExpiredOnTheLastAttempt_GoesToTheDlqInsteadOfBeingRedelivered()
    {
        FakeTimeProvider clock = await UseFakeClock();
        await PublishTexts("jobs", "hang");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "hang", Opts(StartPosition.Earliest, ackMs: 150, maxAttempts: 2));
        Assert.Equal(1, (await sub.ReceiveWithin()).Attempt);
        Assert.Equal(2, (await ReceiveAdvancing(sub, TimeSpan.FromMilliseconds(150))).Delivery.Attempt);
        // Well past the second lease: the next claim dead-letters instead of redelivering (bounded wait for that claim).
        // One receive stays pending the whole time, so its claims are never cancelled half-way by a short receive
        // timeout (on a loaded machine one claim can take longer than any such window); it must never deliver.
        using var stop = new CancellationTokenSource();
        Task<Delivery> pending = sub.ReceiveAsync(stop.Token).AsTask();
        var waited = Stopwatch.StartNew();
        while (await Watermark("jobs", "hang") < 1)
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(10), "the expired last attempt was not dead-lettered within 10 s");
            Assert.False(pending.IsCompleted, "the expired last attempt was redelivered instead of dead-lettered");
            clock.Advance(s_step);
            await Task.Delay(20);
        }

        await stop.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pending);
        await sub.AssertNothingWithin(100);

        Assert.Single(await Store.ReadAsync("dlq.jobs", 0, 1, 100));
        Assert.Equal(1, await Watermark("jobs", "hang"));
    }

    [Fact]
    public async Task DlqReplay_RepublishesWithCausedByTheDlqRecord_Once()
    {
        EventRecord original = (await Bus.PublishAsync(PublishRequest.FromJson("jobs", """{"n":7}""") with { Key = "k7" }));
        await using (Subscription sub = await Bus.SubscribeAsync("jobs", "replayer", Opts(StartPosition.Earliest, maxAttempts: 1)))
        {
            await (await sub.ReceiveWithin()).NackAsync("bad", TimeSpan.Zero);
        }

        EventRecord dlqRecord = Assert.Single(await Store.ReadAsync("dlq.jobs", 0, 1, 10));
        var replayed = await Bus.ReplayDlqAsync("jobs");
        EventRecord again = Assert.Single(replayed);
        Assert.Equal([dlqRecord.Id], again.CausedBy);
        Assert.Equal("jobs", again.Topic);
        Assert.Equal("k7", again.Key);
        Assert.Equal(original.Payload.ToArray(), again.Payload.ToArray());
        Assert.NotEqual(original.Id, again.Id);
        Assert.Equal("replayer", again.Headers[BusNames.TargetGroupHeader]);
        Assert.Empty(await Bus.ReplayDlqAsync("jobs"));
    }

    [Fact]
    public async Task DlqReplay_ReachesOnlyTheGroupTheRecordFailedIn_OtherGroupsSettleItWithoutDelivery()
    {
        await PublishTexts("jobs", "a");
        await using Subscription ok = await Bus.SubscribeAsync("jobs", "ok", Opts(StartPosition.Earliest));
        await using Subscription bad = await Bus.SubscribeAsync("jobs", "bad", Opts(StartPosition.Earliest, maxAttempts: 1));
        await (await ok.ReceiveWithin()).AckAsync();
        Assert.Equal(SettleOutcome.DeadLettered, await (await bad.ReceiveWithin()).NackAsync("boom", TimeSpan.Zero));

        EventRecord replayed = Assert.Single(await Bus.ReplayDlqAsync("jobs"));
        Assert.Equal("bad", replayed.Headers[BusNames.TargetGroupHeader]);
        Delivery again = await bad.ReceiveWithin();
        Assert.Equal(replayed.Id, again.Record.Id);
        await again.AckAsync();
        Assert.Equal(2, await Watermark("jobs", "bad"));

        // The group that processed the original never sees the replay, and its watermark still passes it.
        await SettlesWithoutDelivery(ok, expectedWatermark: 2);

        // Neither does a group that joins later from the start: it gets the original only.
        await using Subscription late = await Bus.SubscribeAsync("jobs", "late", Opts(StartPosition.Earliest));
        Delivery first = await late.ReceiveWithin();
        Assert.Equal(1, first.Record.Offset);
        await first.AckAsync();
        await SettlesWithoutDelivery(late, expectedWatermark: 2);
    }

    /// <summary>Receives (nothing may arrive) until the group's watermark on partition 0 reaches <paramref name="expectedWatermark"/>.</summary>
    private async Task SettlesWithoutDelivery(Subscription sub, long expectedWatermark)
    {
        var clock = Stopwatch.StartNew();
        while (await Watermark(sub.Topic, sub.Group) < expectedWatermark)
        {
            Assert.True(clock.ElapsedMilliseconds < 10_000, $"{sub.Group} did not settle up to {expectedWatermark} within 10 s");
            await sub.AssertNothingWithin(50);
        }

        await sub.AssertNothingWithin(100);
    }

    [Fact]
    public async Task ReleasedDelivery_DoesNotCountAsAnAttempt()
    {
        await PublishTexts("jobs", "x");
        await using Subscription sub = await Bus.SubscribeAsync("jobs", "rel", Opts(StartPosition.Earliest));
        Delivery d = await sub.ReceiveWithin();
        Assert.True(await d.ReleaseAsync());
        Assert.Equal(1, (await sub.ReceiveWithin()).Attempt);
    }
}
