using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bus.Gateway.Protocol;

namespace Prom.Bus.Gateway.Connections;

/// <summary>
/// One SUBSCRIBE of one connection: a bus <see cref="Subscription"/> (one group member) and the pump that turns its
/// deliveries into EVENT frames. The pump takes an event slot of the connection's send queue before it receives, so a
/// client that does not read stops its own deliveries and nobody else's. PAUSE and exhausted FLOW credits stop the
/// pump and give the member's look-ahead back to the group at once.
/// </summary>
internal sealed class GatewaySubscription
{
    /// <summary>Credits value meaning "no credit flow control: only max_inflight limits".</summary>
    private const long Unlimited = -1;

    private readonly GatewayServices _services;
    private readonly OutboundQueue _queue;
    private readonly int? _version;
    private readonly string _connectionId;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentDictionary<string, Delivery> _open = new(StringComparer.Ordinal);
    private readonly Lock _flowLock = new();
    private TaskCompletionSource _flowChanged = NewSignal();
    private long _credits;
    private bool _paused;
    private Task _pump = Task.CompletedTask;

    public GatewaySubscription(GatewayServices services, OutboundQueue queue, Subscription subscription, int? version, long? credits, string connectionId)
    {
        _services = services;
        _queue = queue;
        Subscription = subscription;
        _version = version;
        _credits = credits ?? Unlimited;
        _connectionId = connectionId;
    }

    public Subscription Subscription { get; }

    public string Topic => Subscription.Topic;

    public string Group => Subscription.Group;

    /// <summary>Deliveries sent to the client and not yet acked or nacked through this connection.</summary>
    public int OpenCount => _open.Count;

    public void Start() => _pump = Task.Run(PumpAsync);

    public void Pause() => SetFlow(paused: true, addCredits: 0, enableCredits: false);

    public void Resume() => SetFlow(paused: false, addCredits: 0, enableCredits: false);

    /// <summary>
    /// FLOW: grants <paramref name="credits"/> more EVENTs. A subscription without credits switches to credit mode with
    /// exactly this grant (EVENTs already sent do not count).
    /// </summary>
    public void Grant(long credits) => SetFlow(paused: null, addCredits: credits, enableCredits: true);

    public async ValueTask<Stores.SettleOutcome> AckAsync(string id, CancellationToken ct)
    {
        Delivery d = Take(id);
        return await d.AckAsync(ct).ConfigureAwait(false);
    }

    public async ValueTask<Stores.SettleOutcome> NackAsync(string id, string reason, TimeSpan? delay, CancellationToken ct)
    {
        Delivery d = Take(id);
        return await d.NackAsync(reason, delay, ct).ConfigureAwait(false);
    }

    /// <summary>RELEASE: gives the delivery back at once without counting the attempt; false when its lease was already lost.</summary>
    public async ValueTask<bool> ReleaseAsync(string id, CancellationToken ct)
    {
        Delivery d = Take(id);
        return await d.ReleaseAsync(ct).ConfigureAwait(false);
    }

    /// <summary>MODACK: false when the lease was lost (the delivery is then forgotten: an ACK would be stale).</summary>
    public async ValueTask<bool> ModAckAsync(string id, TimeSpan extend, CancellationToken ct)
    {
        if (!_open.TryGetValue(id, out Delivery? d))
        {
            throw UnknownDelivery(id);
        }

        bool ok = await d.ModAckAsync(extend, ct).ConfigureAwait(false);
        if (!ok)
        {
            _open.TryRemove(new KeyValuePair<string, Delivery>(id, d));
        }

        return ok;
    }

    /// <summary>
    /// Ends the subscription: stops the pump, settles what the client still holds and leaves the group. On a closed or
    /// dropped connection (<paramref name="countAttempt"/>) each open delivery is nacked with no delay, exactly as a
    /// lease expiry would count it, so the rest of the group gets it now and a record that keeps killing its consumers
    /// still reaches the DLQ. On UNSUBSCRIBE and server shutdown they are released without counting the attempt.
    /// </summary>
    public async Task StopAsync(bool countAttempt)
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _pump.ConfigureAwait(false);
        var settles = new List<Task>();
        foreach (string id in _open.Keys)
        {
            if (_open.TryRemove(id, out Delivery? d))
            {
                settles.Add(countAttempt
                    ? d.NackAsync("connection closed", TimeSpan.Zero, CancellationToken.None).AsTask()
                    : d.ReleaseAsync(CancellationToken.None).AsTask());
            }
        }

        try
        {
            await Task.WhenAll(settles).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _services.Logger.LogWarning(ex, "Connection {Connection}: giving back the open deliveries of {Topic}/{Group} failed; their leases will expire",
                _connectionId, Topic, Group);
        }

        await Subscription.DisposeAsync().ConfigureAwait(false);
    }

    private Delivery Take(string id) =>
        _open.TryRemove(id, out Delivery? d) ? d : throw UnknownDelivery(id);

    private GatewayProtocolException UnknownDelivery(string id) =>
        new(GatewayErrorCodes.UnknownDelivery, $"Subscription {Topic}/{Group} of this connection holds no open delivery of event '{id}'.", "id");

    private void SetFlow(bool? paused, long addCredits, bool enableCredits)
    {
        TaskCompletionSource changed;
        lock (_flowLock)
        {
            if (paused is { } p)
            {
                _paused = p;
            }

            if (enableCredits)
            {
                _credits = _credits == Unlimited ? addCredits : Math.Min(_credits + addCredits, int.MaxValue);
            }

            changed = _flowChanged;
            _flowChanged = NewSignal();
        }

        changed.TrySetResult();
    }

    /// <summary>True when an EVENT may be sent now (not paused, a credit left); takes the credit.</summary>
    private bool TryTakeCredit(out Task changed)
    {
        lock (_flowLock)
        {
            changed = _flowChanged.Task;
            if (_paused || _credits == 0)
            {
                return false;
            }

            if (_credits > 0)
            {
                _credits--;
            }

            return true;
        }
    }

    private async Task PumpAsync()
    {
        CancellationToken ct = _stop.Token;
        try
        {
            while (!ct.IsCancellationRequested)
            {
                if (!_queue.EventSlots.Wait(0))
                {
                    // The send queue is full: the client is not reading. Records this member claimed ahead go back to
                    // the group now, so other members get them while delivery to this connection pauses.
                    await Subscription.ReleaseUnreceivedAsync().ConfigureAwait(false);
                    await _queue.EventSlots.WaitAsync(ct).ConfigureAwait(false);
                }

                bool slotHeld = true;
                try
                {
                    Delivery d = await Subscription.ReceiveAsync(ct).ConfigureAwait(false);
                    if (!TryTakeCredit(out Task changed))
                    {
                        // Paused or out of credits: give this one and the look-ahead back to the group, then wait.
                        await d.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
                        await Subscription.ReleaseUnreceivedAsync().ConfigureAwait(false);
                        _queue.EventSlots.Release();
                        slotHeld = false;
                        await changed.WaitAsync(ct).ConfigureAwait(false);
                        continue;
                    }

                    EventRecord record = d.Record;
                    if (_version is { } version)
                    {
                        try
                        {
                            record = await _services.Policy.ShapeDeliveryAsync(record, Group, version, ct).ConfigureAwait(false);
                        }
                        catch (OperationCanceledException) when (ct.IsCancellationRequested)
                        {
                            // Stopped while shaping: the client never saw this delivery, so give it back to the group now
                            // (attempt not counted) instead of leaving it to wait for its lease.
                            await d.ReleaseAsync(CancellationToken.None).ConfigureAwait(false);
                            throw;
                        }
                        catch (Exception ex) when (ex is not OperationCanceledException)
                        {
                            _services.Logger.LogError(ex, "Payload policy failed to shape {Topic}[{Partition}]@{Offset} for version {Version}",
                                Topic, d.Record.Partition, d.Record.Offset, version);
                            await d.NackAsync($"payload policy failed for version {version}: {ex.Message}", null, CancellationToken.None).ConfigureAwait(false);
                            continue;
                        }
                    }

                    long now = _services.NowMs;
                    _open[d.Record.Id] = d;
                    PruneForgotten(now);
                    _queue.Enqueue(ServerFrames.Event(Topic, Group, record, d.Attempt, Math.Max(0, d.LeaseUntil - now)), OutboundQueue.FrameKind.Event);
                    slotHeld = false;
                }
                finally
                {
                    if (slotHeld)
                    {
                        _queue.EventSlots.Release();
                    }
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && ct.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            // The store failed under the pump: log, leave the deliveries to their leases, and end this subscription's
            // deliveries (the connection stays up; the client sees no more EVENTs and may resubscribe).
            _services.Logger.LogError(ex, "Connection {Connection}: delivery of {Topic}/{Group} stopped", _connectionId, Topic, Group);
        }
    }

    /// <summary>
    /// Bounds the open map: deliveries whose lease expired long ago (the client never acked; the group has moved on)
    /// are forgotten once the map holds more than twice the window.
    /// </summary>
    private void PruneForgotten(long now)
    {
        if (_open.Count <= 2 * Subscription.Options.MaxInFlight)
        {
            return;
        }

        long cutoff = now - (long)Subscription.Options.AckTimeout.TotalMilliseconds;
        foreach (KeyValuePair<string, Delivery> pair in _open)
        {
            if (pair.Value.LeaseUntil < cutoff)
            {
                _open.TryRemove(pair);
            }
        }
    }

    private static TaskCompletionSource NewSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
