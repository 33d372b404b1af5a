using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bus.Stores;

namespace Prom.Bus;

/// <summary>
/// One member of a consumer group on a topic. <see cref="ReceiveAsync"/> hands out leased deliveries while fewer than
/// <see cref="SubscriptionOptions.MaxInFlight"/> are open. Receive from one loop at a time (calls are serialized).
/// </summary>
public sealed class Subscription : IBusSubscription
{
    private readonly EventBus _bus;
    private readonly IBusStore _store;
    private readonly SubscriptionOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly AsyncSignal _signal = new();
    private readonly SemaphoreSlim _receiveGate = new(1, 1);
    private readonly CancellationTokenSource _lifetime = new();
    private readonly Lock _lock = new();
    private readonly Random _random = new();

    /// <summary>Open deliveries of this member by (partition, offset); guarded by <see cref="_lock"/>. The window is its count.</summary>
    private readonly Dictionary<(int Partition, long Offset), Delivery> _inFlight = [];

    /// <summary>Claimed deliveries not yet returned by <see cref="ReceiveAsync"/> (they already count in the window).</summary>
    private readonly Queue<Delivery> _ready = new();

    private readonly Task _heartbeatLoop;
    private readonly int _partitions;

    /// <summary>Partitions this member owns (ordered mode), replaced as a whole on rebalance; null = all.</summary>
    private volatile int[]? _owned;

    private int _disposed;

    /// <summary>
    /// 1 from right before a claim attempt (or an idle wait) until a claim returned records: while it is 0 the receive
    /// loop is certain to claim again before it waits, so a publish need not wake it (see <see cref="MemberWake"/>).
    /// Written with a full fence before the claim reads the store, read by publishers after their commit: one of the two
    /// always sees the other, so no record is left unwoken.
    /// </summary>
    private int _idle;

    /// <summary>1 when the window, not the log, limited the last claim (competing mode): refills wait for <see cref="ClaimRefill"/>.</summary>
    private int _windowBound;

    /// <summary><see cref="Environment.TickCount64"/> when a window-bound member first had a free slot it did not claim (0 = not deferring).</summary>
    private long _deferSince;

    private Subscription(EventBus bus, string topic, string group, int partitions, SubscriptionOptions options, ILogger logger)
    {
        _bus = bus;
        _store = bus.Store;
        _options = options;
        _time = bus.Options.TimeProvider;
        _logger = logger;
        _partitions = partitions;
        Topic = topic;
        Group = group;
        MemberId = UuidV7.NewId();
        _owned = options.Ordered ? [] : null;
        _heartbeatLoop = Task.Run(HeartbeatLoopAsync);
    }

    /// <summary>Topic.</summary>
    public string Topic { get; }

    /// <summary>Consumer group.</summary>
    public string Group { get; }

    /// <summary>This member's id (UUIDv7).</summary>
    public string MemberId { get; }

    /// <summary>Options in effect.</summary>
    public SubscriptionOptions Options => _options;

    /// <summary>Number of open deliveries (the used part of the window).</summary>
    public int InFlightCount
    {
        get
        {
            lock (_lock)
            {
                return _inFlight.Count;
            }
        }
    }

    /// <summary>Whether a new record should wake this member: it may be about to wait idle and has room in its window.</summary>
    /// <remarks>A window-bound member with fewer free slots than the refill threshold claims on its own within
    /// <see cref="ClaimRefill.MaxDeferral"/>; waking it would only spend the wake that another member with room needs.</remarks>
    internal bool WantsWake
    {
        get
        {
            if (Volatile.Read(ref _idle) == 0)
            {
                return false;
            }

            int free = _options.MaxInFlight - InFlightCount;
            return free > 0 && (Volatile.Read(ref _windowBound) == 0 || free >= ClaimRefill.Threshold(_options.MaxInFlight));
        }
    }

    /// <summary>Partitions currently owned (ordered subscriptions); null for competing subscriptions.</summary>
    public IReadOnlyList<int>? OwnedPartitions => _owned;

    internal static async ValueTask<Subscription> StartAsync(EventBus bus, TopicConfig topic, string group, SubscriptionOptions options, ILogger logger, CancellationToken ct)
    {
        await bus.Store.JoinGroupAsync(topic.Name, group, options.From, ct).ConfigureAwait(false);
        var sub = new Subscription(bus, topic.Name, group, topic.Partitions, options, logger);
        await sub.HeartbeatAsync(ct).ConfigureAwait(false);
        return sub;
    }

    /// <summary>Waits for the next delivery (respecting the window), or throws when <paramref name="ct"/> is cancelled.</summary>
    /// <exception cref="ObjectDisposedException">The subscription was disposed.</exception>
    public async ValueTask<Delivery> ReceiveAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        await _receiveGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();
                ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
                long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
                int free;
                List<Delivery>? giveBack;
                Delivery? next;
                lock (_lock)
                {
                    giveBack = PruneExpiredLocked(now);
                    next = giveBack is null && _ready.TryDequeue(out Delivery? ready) ? ready : null;
                    free = _options.MaxInFlight - _inFlight.Count;
                }

                if (giveBack is not null)
                {
                    await ReleaseUnreceivedAsync(giveBack).ConfigureAwait(false);
                    continue;
                }

                if (next is not null)
                {
                    return next;
                }

                Interlocked.Exchange(ref _idle, 1);
                if (free > 0)
                {
                    TimeSpan defer = RefillDeferral(free);
                    if (defer > TimeSpan.Zero)
                    {
                        // Window-bound with only a few free slots: wait for more of them (Forget signals at the threshold).
                        // Real time, not the bus's TimeProvider: this bounds a batching delay, it is no lease or backoff.
                        await _signal.WaitAsync(defer, TimeProvider.System, ct).ConfigureAwait(false);
                        continue;
                    }

                    _deferSince = 0;
                    if (await ClaimAsync(free, now, ct).ConfigureAwait(false))
                    {
                        Volatile.Write(ref _idle, 0);
                        continue;
                    }
                }

                await _signal.WaitAsync(_bus.IdlePollInterval, _time, ct).ConfigureAwait(false);
            }
        }
        finally
        {
            _receiveGate.Release();
        }
    }

    /// <inheritdoc />
    ValueTask<IBusDelivery> IBusSubscription.ReceiveAsync(CancellationToken ct)
    {
        ValueTask<Delivery> receive = ReceiveAsync(ct);
        return receive.IsCompletedSuccessfully ? new ValueTask<IBusDelivery>(receive.Result) : AwaitAsync(receive);

        static async ValueTask<IBusDelivery> AwaitAsync(ValueTask<Delivery> pending) => await pending.ConfigureAwait(false);
    }

    /// <summary>Acks the open delivery of the record <paramref name="eventId"/>.</summary>
    /// <exception cref="BusException">No open delivery of that id (<see cref="BusErrorCode.UnknownDelivery"/>).</exception>
    public ValueTask<SettleOutcome> AckAsync(string eventId, CancellationToken ct = default)
    {
        Delivery? d;
        lock (_lock)
        {
            d = _inFlight.Values.FirstOrDefault(x => x.Record.Id == eventId);
        }

        return d is null
            ? throw new BusException(BusErrorCode.UnknownDelivery, $"Subscription {Topic}/{Group} has no open delivery of event '{eventId}'.")
            : AckAsync(d, ct);
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _bus.Unregister(this);
        await _lifetime.CancelAsync().ConfigureAwait(false);
        await _heartbeatLoop.ConfigureAwait(false);
        _signal.Set();

        // Deliveries claimed but never handed out are given back at once (attempt not counted) so others take them now
        // instead of after the lease. Handed-out deliveries stay with their holder: only the holder knows if work finished.
        await ReleaseUnreceivedAsync().ConfigureAwait(false);

        await _store.LeaveAsync(Topic, Group, MemberId, CancellationToken.None).ConfigureAwait(false);
        _bus.WakeTopic(Topic);
    }

    /// <summary>
    /// Gives back every delivery this member claimed that <see cref="ReceiveAsync"/> has not returned yet (the attempt
    /// is not counted), so other members take them now instead of after the lease. A consumer that stops receiving for a
    /// while (a paused network subscription) calls it so its look-ahead does not hold records it will not process.
    /// </summary>
    public async ValueTask ReleaseUnreceivedAsync()
    {
        Delivery[] unreceived;
        lock (_lock)
        {
            unreceived = _ready.ToArray();
            _ready.Clear();
        }

        await ReleaseUnreceivedAsync(unreceived.Length == 0 ? null : [.. unreceived]).ConfigureAwait(false);
    }

    internal void Wake() => _signal.Set();

    internal async ValueTask<SettleOutcome> AckAsync(Delivery d, CancellationToken ct)
    {
        SettleOutcome outcome = await _store.AckAsync(d.Ref, ct).ConfigureAwait(false);
        if (outcome == SettleOutcome.Settled)
        {
            BusMetrics.Acked.Add(1, BusMetrics.Topic(Topic), BusMetrics.Group(Group));
        }

        Forget(d);
        return outcome;
    }

    internal async ValueTask<SettleOutcome> NackAsync(Delivery d, string reason, TimeSpan? delay, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(reason);
        TimeSpan wait = delay ?? Backoff.Compute(d.Attempt, _options.BackoffBase, _options.BackoffMax, _options.BackoffJitter, _random);
        if (wait < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(delay), delay, "A nack delay cannot be negative.");
        }

        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        SettleOutcome outcome = await _store.NackAsync(d.Ref, reason, now + (long)wait.TotalMilliseconds, _options.MaxAttempts, now, ct).ConfigureAwait(false);
        if (outcome == SettleOutcome.Released)
        {
            await ReleaseUnreceivedAsync(TakeUnreceivedAfter(d)).ConfigureAwait(false);
        }

        BusMetrics.Nacked.Add(1, BusMetrics.Topic(Topic), BusMetrics.Group(Group));
        if (outcome == SettleOutcome.DeadLettered)
        {
            _logger.LogWarning("Record {Topic}[{Partition}]@{Offset} ({Id}) went to the DLQ of group {Group} after {Attempts} attempts: {Reason}",
                Topic, d.Record.Partition, d.Record.Offset, d.Record.Id, Group, d.Attempt, reason);
        }

        Forget(d);
        _bus.WakeTopic(Topic);
        return outcome;
    }

    internal async ValueTask<bool> ModAckAsync(Delivery d, TimeSpan extend, CancellationToken ct)
    {
        // A lease shorter than 1 s would expire before a busy store answers; the floor keeps ModAck meaningful.
        if (extend < TimeSpan.FromSeconds(1))
        {
            extend = TimeSpan.FromSeconds(1);
        }

        long until = _time.GetUtcNow().ToUnixTimeMilliseconds() + (long)extend.TotalMilliseconds;
        bool ok = await _store.ExtendLeaseAsync(d.Ref, MemberId, until, ct).ConfigureAwait(false);
        if (ok)
        {
            lock (_lock)
            {
                d.LeaseUntil = Math.Max(d.LeaseUntil, until);
            }
        }

        return ok;
    }

    internal async ValueTask<bool> ReleaseAsync(Delivery d, CancellationToken ct)
    {
        bool ok = await _store.ReleaseAsync(d.Ref, MemberId, ct).ConfigureAwait(false);
        if (ok)
        {
            await ReleaseUnreceivedAsync(TakeUnreceivedAfter(d)).ConfigureAwait(false);
        }

        Forget(d);
        _bus.WakeTopic(Topic);
        return ok;
    }

    /// <summary>
    /// Ordered mode: takes the claimed but not yet received deliveries of <paramref name="d"/>'s partition above its
    /// offset out of the ready queue. When <paramref name="d"/> went back for redelivery they are given back too, so the
    /// application sees the partition in offset order again: the redelivery first, then the records after it. Called
    /// after the store took <paramref name="d"/> back: from then on the head-of-line walk cannot claim past it, so
    /// nothing claimed later can overtake it.
    /// </summary>
    private List<Delivery>? TakeUnreceivedAfter(Delivery d)
    {
        if (!_options.Ordered)
        {
            return null;
        }

        lock (_lock)
        {
            return TakeUnreceivedLocked(x => x.Record.Partition == d.Record.Partition && x.Record.Offset > d.Record.Offset);
        }
    }

    private List<Delivery>? TakeUnreceivedLocked(Func<Delivery, bool> match)
    {
        List<Delivery>? taken = null;
        int n = _ready.Count;
        for (int i = 0; i < n; i++)
        {
            Delivery x = _ready.Dequeue();
            if (match(x))
            {
                (taken ??= []).Add(x);
            }
            else
            {
                _ready.Enqueue(x);
            }
        }

        return taken;
    }

    /// <summary>Gives deliveries the application never received back to the store (their attempt does not count).</summary>
    private async ValueTask ReleaseUnreceivedAsync(List<Delivery>? deliveries)
    {
        if (deliveries is null)
        {
            return;
        }

        // Concurrently, so a store with group commit gives them all back in one transaction.
        var releases = new Task[deliveries.Count];
        for (int i = 0; i < releases.Length; i++)
        {
            releases[i] = _store.ReleaseAsync(deliveries[i].Ref, MemberId, CancellationToken.None).AsTask();
        }

        try
        {
            await Task.WhenAll(releases).ConfigureAwait(false);
        }
        finally
        {
            foreach (Delivery x in deliveries)
            {
                Forget(x);
            }

            _bus.WakeTopic(Topic);
        }
    }

    /// <summary>Removes a finished delivery from the window and wakes the receive loop, which may now claim more.</summary>
    private void Forget(Delivery d)
    {
        if (!d.TryComplete())
        {
            return;
        }

        bool removed;
        bool wasFull;
        bool reachedRefill;
        lock (_lock)
        {
            wasFull = _inFlight.Count >= _options.MaxInFlight;
            removed = _inFlight.TryGetValue((d.Record.Partition, d.Record.Offset), out Delivery? current)
                && ReferenceEquals(current, d) && _inFlight.Remove((d.Record.Partition, d.Record.Offset));
            reachedRefill = removed && _options.MaxInFlight - _inFlight.Count == ClaimRefill.Threshold(_options.MaxInFlight);
        }

        if (removed)
        {
            BusMetrics.InFlight.Add(-1, BusMetrics.Topic(Topic), BusMetrics.Group(Group));
        }

        // A competing member with room was claimable all along and publishers wake it; only a full window may have left
        // records unclaimed (ordered members also wait on records other members hold, so they always look again). A
        // window-bound member deferring its refill (ClaimRefill) claims once a quarter of its window is free.
        if (wasFull || reachedRefill || _options.Ordered)
        {
            _signal.Set();
        }
    }

    /// <summary>
    /// Drops deliveries whose lease expired: the store may already have given them to another member, so keeping them
    /// in the window would only block this member. Their objects stay usable (a late ack still settles). In ordered mode
    /// returns the unreceived deliveries above an expired one of the same partition, to be given back (see
    /// <see cref="TakeUnreceivedAfter"/>).
    /// </summary>
    private List<Delivery>? PruneExpiredLocked(long now)
    {
        List<(int, long)>? expired = null;
        foreach (KeyValuePair<(int, long), Delivery> pair in _inFlight)
        {
            if (pair.Value.LeaseUntil <= now)
            {
                (expired ??= []).Add(pair.Key);
            }
        }

        if (expired is null)
        {
            return null;
        }

        foreach ((int, long) key in expired)
        {
            _inFlight.Remove(key);
            BusMetrics.InFlight.Add(-1, BusMetrics.Topic(Topic), BusMetrics.Group(Group));
        }

        // Unreceived deliveries with an expired lease are dropped too, so nobody works on a lease that is already gone.
        TakeUnreceivedLocked(d => d.LeaseUntil <= now);
        if (!_options.Ordered)
        {
            return null;
        }

        var lowest = new Dictionary<int, long>();
        foreach ((int partition, long offset) in expired)
        {
            lowest[partition] = lowest.TryGetValue(partition, out long o) ? Math.Min(o, offset) : offset;
        }

        return TakeUnreceivedLocked(d => lowest.TryGetValue(d.Record.Partition, out long o) && d.Record.Offset > o);
    }

    /// <summary>How long to wait before claiming <paramref name="free"/> slots (zero: claim now); see <see cref="ClaimRefill"/>.</summary>
    private TimeSpan RefillDeferral(int free)
    {
        if (Volatile.Read(ref _windowBound) == 0 || free >= ClaimRefill.Threshold(_options.MaxInFlight))
        {
            return TimeSpan.Zero;
        }

        long nowTicks = Environment.TickCount64;
        if (_deferSince == 0)
        {
            _deferSince = nowTicks;
        }

        long left = _deferSince + (long)ClaimRefill.MaxDeferral.TotalMilliseconds - nowTicks;
        return left > 0 ? TimeSpan.FromMilliseconds(left) : TimeSpan.Zero;
    }

    /// <summary>Claims up to <paramref name="free"/> records; returns true when something changed (deliveries or filtered settles).</summary>
    private async ValueTask<bool> ClaimAsync(int free, long now, CancellationToken ct)
    {
        IReadOnlyList<int>? parts = _owned;
        if (parts is { Count: 0 })
        {
            return false; // an ordered member that owns nothing waits for a rebalance
        }

        var request = new ClaimRequest(Topic, Group, MemberId, parts, free, _options.Ordered, now,
            now + (long)_options.AckTimeout.TotalMilliseconds, _options.MaxAttempts)
        {
            MaxPerPartition = _options.Ordered ? _options.MaxInFlightPerPartition ?? _options.MaxInFlight : int.MaxValue,
        };
        IReadOnlyList<ClaimedRecord> claimed = await _store.ClaimAsync(request, ct).ConfigureAwait(false);
        Volatile.Write(ref _windowBound, !_options.Ordered && claimed.Count >= free ? 1 : 0);
        if (claimed.Count == 0)
        {
            return false;
        }

        List<Task>? settles = null;
        foreach (ClaimedRecord c in claimed)
        {
            if (!IsForThisGroup(c.Record))
            {
                // Settled, not skipped: a filtered record must never hold back the watermark. Settled concurrently, so a
                // store with group commit settles them in one transaction. Not cancellable: the claim is committed, and a
                // settle cancelled by the receive's token would leave the record leased to us, holding the group's
                // watermark until the lease expires (seen on a loaded machine with short receive timeouts).
                (settles ??= []).Add(_store.AckAsync(new DeliveryRef(Topic, Group, c.Record.Partition, c.Record.Offset, c.Attempt), CancellationToken.None).AsTask());
                continue;
            }

            var d = new Delivery(this, c.Record, c.Attempt, c.LeaseUntil);
            lock (_lock)
            {
                _inFlight[(c.Record.Partition, c.Record.Offset)] = d;
                _ready.Enqueue(d);
            }

            BusMetrics.InFlight.Add(1, BusMetrics.Topic(Topic), BusMetrics.Group(Group));
            BusMetrics.Delivered.Add(1, BusMetrics.Topic(Topic), BusMetrics.Group(Group));
            BusMetrics.Latency.Record(Math.Max(0, now - c.Record.Ts), BusMetrics.Topic(Topic), BusMetrics.Group(Group));
        }

        if (settles is not null)
        {
            await Task.WhenAll(settles).ConfigureAwait(false);
        }

        if (claimed.Count >= free && !_options.Ordered)
        {
            // The window, not the log, limited this claim: more records may wait; a sibling with room takes them.
            _bus.WakeTopic(Topic, 1, Group, except: this);
        }

        return true;
    }

    /// <summary>False for records this group settles without delivering: routed to another group, or rejected by the filter.</summary>
    private bool IsForThisGroup(EventRecord record)
    {
        if (record.Headers.TryGetValue(BusNames.TargetGroupHeader, out string? target) && !string.Equals(target, Group, StringComparison.Ordinal))
        {
            return false;
        }

        return _options.Filter is not { } filter || filter(record);
    }

    private async Task HeartbeatLoopAsync()
    {
        using var timer = new PeriodicTimer(_bus.Options.HeartbeatInterval, _time);
        try
        {
            while (await timer.WaitForNextTickAsync(_lifetime.Token).ConfigureAwait(false))
            {
                try
                {
                    await HeartbeatAsync(_lifetime.Token).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A failed heartbeat is retried on the next tick; the member only drops out after MemberTtl.
                    _logger.LogWarning(ex, "Heartbeat of member {Member} in {Topic}/{Group} failed", MemberId, Topic, Group);
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }

    private async ValueTask HeartbeatAsync(CancellationToken ct)
    {
        long now = _time.GetUtcNow().ToUnixTimeMilliseconds();
        await _store.HeartbeatAsync(Topic, Group, MemberId, _options.Ordered, now + (long)_bus.Options.MemberTtl.TotalMilliseconds, ct).ConfigureAwait(false);
        if (!_options.Ordered)
        {
            return;
        }

        IReadOnlyList<string> members = await _store.LiveMembersAsync(Topic, Group, orderedOnly: true, now, ct).ConfigureAwait(false);
        int[] owned = RendezvousHash.Owned(members, MemberId, _partitions);
        int[]? before = _owned;
        if (before is null || !before.AsSpan().SequenceEqual(owned))
        {
            _owned = owned;
            _logger.LogInformation("Member {Member} of {Topic}/{Group} now owns partitions [{Partitions}]", MemberId, Topic, Group, string.Join(",", owned));

            // Claimed but unreceived records of partitions this member lost go back now, so the new owner need not wait
            // for their leases. Records the application holds stay with it; the new owner waits for them (head-of-line).
            List<Delivery>? lost;
            lock (_lock)
            {
                lost = TakeUnreceivedLocked(d => Array.IndexOf(owned, d.Record.Partition) < 0);
            }

            await ReleaseUnreceivedAsync(lost).ConfigureAwait(false);
            _signal.Set();
        }
    }
}
