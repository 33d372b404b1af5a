using System;
using System.Collections.Concurrent;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bus.Client.Wire;
using Prom.Bus.Stores;

namespace Prom.Bus.Client;

public sealed partial class BusClient
{
    private readonly TopicCreator _topics;

    /// <summary>Live subscriptions by (topic, group): EVENTs are routed by these, and every reconnect resubscribes them.</summary>
    private readonly ConcurrentDictionary<(string Topic, string Group), BusClientSubscription> _subscriptions = new();

    /// <inheritdoc />
    async ValueTask<IBusSubscription> IBusClient.SubscribeAsync(string topic, string group, SubscriptionOptions? options, CancellationToken ct) =>
        await SubscribeAsync(topic, group, options, ct).ConfigureAwait(false);

    /// <summary>
    /// Joins <paramref name="group"/> on <paramref name="topic"/> as a new member; receive with
    /// <see cref="BusClientSubscription.ReceiveAsync"/>. The options travel in SUBSCRIBE (window, lease, attempts, order,
    /// backoff); <see cref="SubscriptionOptions.Filter"/> runs here (rejected records are acked unseen) and
    /// <see cref="SubscriptionOptions.BackoffJitter"/> is the server's.
    /// </summary>
    /// <exception cref="InvalidOperationException">This client already holds a member of that topic and group.</exception>
    /// <exception cref="BusException">Invalid topic, group or start position.</exception>
    /// <exception cref="BusGatewayException">The token may not subscribe to that topic or group (<c>forbidden</c>), or a limit was hit.</exception>
    public async ValueTask<BusClientSubscription> SubscribeAsync(string topic, string group, SubscriptionOptions? options = null, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        BusNames.ValidateGroup(group);
        options ??= new SubscriptionOptions();
        options.Validate();
        var sub = new BusClientSubscription(this, topic, group, options);
        if (!_subscriptions.TryAdd((topic, group), sub))
        {
            throw new InvalidOperationException(
                $"This BusClient is already a member of {topic}/{group}: the gateway allows one subscription per topic and group per connection; use another BusClient for another member.");
        }

        try
        {
            using CancellationTokenSource deadline = RequestDeadline(ct);
            while (true)
            {
                WireConnection connection = await GetConnectionAsync(deadline.Token).ConfigureAwait(false);
                try
                {
                    await JoinAsync(sub, connection, deadline.Token).ConfigureAwait(false);
                    return sub;
                }
                catch (ConnectionLostException)
                {
                    // The next connection resubscribes it (or this loop does, whichever comes first).
                }
            }
        }
        catch
        {
            _subscriptions.TryRemove(new((topic, group), sub));
            throw;
        }
    }

    /// <summary>
    /// Subscribes and runs <paramref name="handler"/> for every delivery, up to <see cref="SubscriptionOptions.MaxInFlight"/>
    /// at once: returning acks the record (unless the handler settled it itself), throwing nacks it with the exception's
    /// message (backoff, then the DLQ). Dispose the result to stop; running handlers finish first.
    /// </summary>
    public async ValueTask<BusClientSubscription> SubscribeAsync(string topic, string group, Func<IBusDelivery, CancellationToken, Task> handler,
        SubscriptionOptions? options = null, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(handler);
        BusClientSubscription sub = await SubscribeAsync(topic, group, options, ct).ConfigureAwait(false);
        sub.StartHandler(handler, _logger);
        return sub;
    }

    /// <summary>Sends SUBSCRIBE for <paramref name="sub"/> on <paramref name="connection"/> unless it is joined there already.</summary>
    private async Task JoinAsync(BusClientSubscription sub, WireConnection connection, CancellationToken ct)
    {
        await sub.JoinGate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (sub.JoinedGeneration == connection.Generation)
            {
                return;
            }

            long corr = NextCorr();
            WireReply reply = await connection.RequestAsync(corr,
                ClientFrames.Subscribe(corr, sub.Topic, sub.Group, sub.Options, resume: sub.JoinedGeneration != 0), ct).ConfigureAwait(false);
            if (!reply.IsOk)
            {
                throw reply.Error.ToException($"SUBSCRIBE {sub.Topic}/{sub.Group}");
            }

            sub.Joined(connection.Generation, reply.Frame.TryGetProperty("member", out JsonElement m) ? m.GetString() : null);
        }
        finally
        {
            sub.JoinGate.Release();
        }
    }

    /// <summary>After a reconnect: every subscription joins again (its group resumes from the watermark).</summary>
    private async Task ResubscribeAllAsync(WireConnection connection)
    {
        using CancellationTokenSource deadline = RequestDeadline(CancellationToken.None);
        foreach (BusClientSubscription sub in _subscriptions.Values)
        {
            try
            {
                await JoinAsync(sub, connection, deadline.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is BusException or BusGatewayException)
            {
                // The server refuses it now (scopes changed, limits): it cannot come back, so its reader learns why.
                _logger.LogError(ex, "Resubscribing {Topic}/{Group} was refused", sub.Topic, sub.Group);
                _subscriptions.TryRemove(new((sub.Topic, sub.Group), sub));
                sub.Fault(ex);
            }
        }
    }

    private void OnEvent(WireConnection connection, JsonElement frame)
    {
        string? topic = frame.TryGetProperty("topic", out JsonElement t) ? t.GetString() : null;
        string? group = frame.TryGetProperty("group", out JsonElement g) ? g.GetString() : null;
        if (topic is null || group is null || !_subscriptions.TryGetValue((topic, group), out BusClientSubscription? sub))
        {
            return; // an EVENT that raced an UNSUBSCRIBE: the server gives it back to the group
        }

        JsonElement ctx = frame.GetProperty("ctx");
        EventRecord record = RecordJson.Read(frame.GetProperty("event"));
        long leaseUntil = _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + ctx.GetProperty("ack_deadline_ms").GetInt64();
        var delivery = new BusClientDelivery(this, sub, record, ctx.GetProperty("attempt").GetInt32(), leaseUntil, connection.Generation);
        if (sub.Options.Filter is { } filter && !filter(delivery.Record))
        {
            // Settled, not skipped, as in process: a filtered record must never hold back the group's watermark.
            _ = delivery.AckAsync().AsTask().ContinueWith(
                a => _logger.LogWarning(a.Exception, "Settling filtered record {Id} failed; its lease will expire", delivery.Record.Id),
                CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted, TaskScheduler.Default);
            return;
        }

        sub.Enqueue(delivery);
    }

    /// <summary>The connection that <paramref name="d"/> came on, if it is still the open one; else the server has released it.</summary>
    private WireConnection? ConnectionOf(BusClientDelivery d)
    {
        WireConnection? latest = Volatile.Read(ref _latest);
        return latest is not null && latest.Generation == d.Generation && latest.IsOpen ? latest : null;
    }

    internal bool IsCurrent(BusClientDelivery d) => ConnectionOf(d) is not null;

    /// <summary>ACK / NACK: the outcome from the OK; <see cref="SettleOutcome.Stale"/> when the connection it came on is gone (the server released it).</summary>
    internal async ValueTask<SettleOutcome> SettleAsync(BusClientDelivery d, Func<long, byte[]> frame, string what, CancellationToken ct)
    {
        if (d.IsCompleted)
        {
            return SettleOutcome.AlreadySettled;
        }

        WireConnection? connection = ConnectionOf(d);
        if (connection is null)
        {
            d.Complete();
            return SettleOutcome.Stale;
        }

        long corr = NextCorr();
        WireReply reply;
        using CancellationTokenSource deadline = RequestDeadline(ct);
        try
        {
            reply = await connection.RequestAsync(corr, frame(corr), deadline.Token).ConfigureAwait(false);
        }
        catch (ConnectionLostException)
        {
            d.Complete();
            return SettleOutcome.Stale; // the server released it with the connection; it comes again
        }

        if (!reply.IsOk)
        {
            throw reply.Error.ToException($"{what} of {d.Record.Id} in {d.Subscription.Topic}/{d.Group}");
        }

        d.Complete();
        return (reply.Frame.TryGetProperty("outcome", out JsonElement o) ? o.GetString() : null) switch
        {
            "settled" => SettleOutcome.Settled,
            "already_settled" => SettleOutcome.AlreadySettled,
            "released" => SettleOutcome.Released,
            "dead_lettered" => SettleOutcome.DeadLettered,
            _ => SettleOutcome.Stale,
        };
    }

    /// <summary>MODACK: true when the lease was extended; false when it was lost or the connection it came on is gone.</summary>
    internal async ValueTask<bool> ExtendAsync(BusClientDelivery d, TimeSpan extend, CancellationToken ct)
    {
        WireConnection? connection = d.IsCompleted ? null : ConnectionOf(d);
        if (connection is null)
        {
            return false;
        }

        if (extend < TimeSpan.FromSeconds(1))
        {
            extend = TimeSpan.FromSeconds(1); // the bus's floor, applied here so LeaseUntil tells the truth
        }

        long corr = NextCorr();
        using CancellationTokenSource deadline = RequestDeadline(ct);
        try
        {
            WireReply reply = await connection.RequestAsync(corr, ClientFrames.ModAck(corr, d.Subscription.Topic, d.Group, d.Record.Id, extend), deadline.Token)
                .ConfigureAwait(false);
            if (reply.IsOk)
            {
                d.LeaseUntil = Math.Max(d.LeaseUntil, _options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() + (long)extend.TotalMilliseconds);
                return true;
            }

            WireError error = reply.Error;
            if (error.Code is WireError.LeaseLost or WireError.UnknownDelivery)
            {
                return false;
            }

            throw error.ToException($"MODACK of {d.Record.Id}");
        }
        catch (ConnectionLostException)
        {
            return false;
        }
    }

    /// <summary>UNSUBSCRIBE when the subscription is joined on the open connection (its open EVENTs go back without counting the attempt).</summary>
    internal async ValueTask LeaveAsync(BusClientSubscription sub)
    {
        _subscriptions.TryRemove(new((sub.Topic, sub.Group), sub));
        Task<WireConnection> current = _connected.Task;
        if (!current.IsCompletedSuccessfully || current.Result.Generation != sub.JoinedGeneration || !current.Result.IsOpen)
        {
            return; // not joined on an open connection: the server already let it go
        }

        long corr = NextCorr();
        using CancellationTokenSource deadline = RequestDeadline(CancellationToken.None);
        try
        {
            WireReply reply = await current.Result.RequestAsync(corr, ClientFrames.Unsubscribe(corr, sub.Topic, sub.Group), deadline.Token).ConfigureAwait(false);
            if (!reply.IsOk && reply.Error.Code != WireError.NotSubscribed)
            {
                _logger.LogWarning("UNSUBSCRIBE {Topic}/{Group} refused: {Message}", sub.Topic, sub.Group, reply.Error.Message);
            }
        }
        catch (Exception ex) when (ex is ConnectionLostException or OperationCanceledException)
        {
            // Gone with the connection: the server releases its deliveries then.
        }
    }
}
