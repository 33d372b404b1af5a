using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bus.Gateway.OpsHttp;
using Prom.Bus.Gateway.Protocol;
using Prom.Bus.Gateway.Security;
using Prom.Bus.Stores;
using Ops = Prom.Bus.Gateway.GatewayProtocol.Ops;

namespace Prom.Bus.Gateway.Connections;

/// <summary>
/// The ops of the protocol. Each handler reads its fields from the frame before its first await (the frame's buffer is
/// reused for the next frame) and produces exactly one reply. AUTH runs inline, so ops pipelined right after it see
/// its result; PUBLISH goes to the ordered <see cref="PublishPipeline"/>; the others run concurrently.
/// </summary>
internal sealed partial class GatewayConnection
{
    private const int MaxReasonLength = 4096;

    private async ValueTask DispatchAsync(ReadOnlyMemory<byte> utf8)
    {
        byte[]? corr = null;
        try
        {
            using ClientFrame frame = ClientFrame.Parse(utf8, out corr);
            string op = frame.Op;
            GatewayMetrics.Frame(op);
            if (_shuttingDown && op != Ops.Ping)
            {
                throw new GatewayProtocolException(GatewayErrorCodes.ShuttingDown, "The server is shutting down; reconnect to another node or later.");
            }

            if (op == Ops.Ping)
            {
                Reply(ServerFrames.Pong(corr, _s.NowMs));
                return;
            }

            if (op == Ops.Auth)
            {
                await AuthAsync(frame, corr).ConfigureAwait(false);
                return;
            }

            GatewayPrincipal principal = _principal ?? throw (IsKnownOp(op)
                ? new GatewayProtocolException(GatewayErrorCodes.Unauthorized, $"'{op}' needs a successful AUTH first.")
                : UnknownOp(op));
            switch (op)
            {
                case Ops.Publish:
                    Publish(frame, corr, principal);
                    break;
                case Ops.Subscribe:
                    Start(corr, SubscribeAsync(frame, corr, principal));
                    break;
                case Ops.Unsubscribe:
                    Start(corr, UnsubscribeAsync(ReadTarget(frame), corr));
                    break;
                case Ops.Ack:
                    Start(corr, AckAsync(Find(frame), frame.RequiredString("id"), corr));
                    break;
                case Ops.Nack:
                    Start(corr, NackAsync(frame, corr));
                    break;
                case Ops.ModAck:
                    Start(corr, ModAckAsync(frame, corr));
                    break;
                case Ops.Release:
                    Start(corr, ReleaseAsync(Find(frame), frame.RequiredString("id"), corr));
                    break;
                case Ops.Pause:
                    Find(frame).Pause();
                    Reply(ServerFrames.Ok(corr));
                    break;
                case Ops.Resume:
                    Find(frame).Resume();
                    Reply(ServerFrames.Ok(corr));
                    break;
                case Ops.Flow:
                    GatewaySubscription flowSub = Find(frame);
                    flowSub.Grant(frame.OptionalLong("credits", 1, SubscribeOptionsReader.MaxCredits) ?? throw ClientFrame.Missing("credits"));
                    Reply(ServerFrames.Ok(corr));
                    break;
                default:
                    throw UnknownOp(op);
            }
        }
        catch (GatewayProtocolException ex)
        {
            Reply(ServerFrames.Err(corr, ex.Code, ex.Message, ex.Field, ex.RetryAfterMs));
        }
        catch (BusException ex)
        {
            Reply(ServerFrames.Err(corr, GatewayErrorCodes.FromBus(ex.Code), ex.Message));
        }
        catch (Exception ex)
        {
            // A bug, not the peer's fault: answer it and keep the connection (the fuzz test fails on any 'internal').
            _s.Logger.LogError(ex, "Connection {Connection}: a frame failed", Id);
            Reply(ServerFrames.Err(corr, GatewayErrorCodes.Internal, $"The server failed on this frame ({ex.GetType().Name}); see the server log for connection {Id}."));
        }
    }

    private static bool IsKnownOp(string op) => op is Ops.Publish or Ops.Subscribe or Ops.Unsubscribe or Ops.Ack or Ops.Nack
        or Ops.ModAck or Ops.Release or Ops.Pause or Ops.Resume or Ops.Flow;

    private static GatewayProtocolException UnknownOp(string op) =>
        new(GatewayErrorCodes.UnknownOp, $"Unknown op '{(op.Length > 64 ? op[..64] + "…" : op)}'.", "op");

    /// <summary>Runs a concurrent request and replies with its result or its error.</summary>
    private void Start(byte[]? corr, Task<byte[]> work) => _ = FinishAsync(corr, work);

    private async Task FinishAsync(byte[]? corr, Task<byte[]> work)
    {
        byte[] reply;
        try
        {
            reply = await work.ConfigureAwait(false);
        }
        catch (GatewayProtocolException ex)
        {
            reply = ServerFrames.Err(corr, ex.Code, ex.Message, ex.Field, ex.RetryAfterMs);
        }
        catch (BusException ex)
        {
            reply = ServerFrames.Err(corr, GatewayErrorCodes.FromBus(ex.Code), ex.Message);
        }
        catch (Exception ex) when (ex is OperationCanceledException or ObjectDisposedException && (_closing.IsCancellationRequested || _shuttingDown))
        {
            reply = ServerFrames.Err(corr, GatewayErrorCodes.ShuttingDown, "The connection is closing; the request was not completed.");
        }
        catch (Exception ex)
        {
            _s.Logger.LogError(ex, "Connection {Connection}: request failed", Id);
            reply = ServerFrames.Err(corr, GatewayErrorCodes.Internal, $"The server failed on this request ({ex.GetType().Name}); see the server log for connection {Id}.");
        }

        Reply(reply);
    }

    private async ValueTask AuthAsync(ClientFrame frame, byte[]? corr)
    {
        if (_principal is not null)
        {
            throw new GatewayProtocolException(GatewayErrorCodes.AlreadyAuthenticated, $"This connection is already authenticated as '{_principal.Name}'.");
        }

        string token = frame.RequiredString("token");
        GatewayPrincipal? principal;
        try
        {
            principal = await _s.Authenticator.AuthenticateAsync(token, _closing.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            _s.Logger.LogError(ex, "Connection {Connection}: the authenticator failed", Id);
            throw new GatewayProtocolException(GatewayErrorCodes.Internal, "The authenticator failed; try again.");
        }

        if (principal is null)
        {
            int failures = Interlocked.Increment(ref _authFailures);
            _s.Logger.LogWarning("Connection {Connection} from {Remote}: AUTH refused ({Failures}/{Max})", Id, Remote, failures, _s.Options.MaxAuthFailures);
            Reply(ServerFrames.Err(corr, GatewayErrorCodes.AuthFailed, "The token was refused."));
            if (failures >= _s.Options.MaxAuthFailures)
            {
                RequestClose(WebSocketCloseStatus.PolicyViolation, "too many failed AUTH attempts");
            }

            return;
        }

        Volatile.Write(ref _publishes, new PublishPipeline(_s, principal, frame => Reply(frame), Id));
        _principal = principal;
        _s.Logger.LogInformation("Connection {Connection} from {Remote} authenticated as {Principal}", Id, Remote, principal.Name);
        Reply(ServerFrames.Ok(corr, principal, static (w, p) =>
        {
            w.WriteString("principal", p.Name);
            w.WriteStartArray("scopes");
            foreach (string scope in p.Scopes)
            {
                w.WriteStringValue(scope);
            }

            w.WriteEndArray();
            w.WriteString("protocol", GatewayProtocol.SubProtocol);
        }));
    }

    private void Publish(ClientFrame frame, byte[]? corr, GatewayPrincipal principal)
    {
        if (_s.Options.PublishRatePerSecond > 0)
        {
            // Only the receive loop publishes, so the lazy creation needs no lock.
            _publishRate ??= new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
            {
                TokenLimit = _s.Options.PublishBurst,
                TokensPerPeriod = Math.Max(1, _s.Options.PublishRatePerSecond / 10),
                ReplenishmentPeriod = TimeSpan.FromMilliseconds(100),
                QueueLimit = 0,
                AutoReplenishment = true,
            });
            using RateLimitLease lease = _publishRate.AttemptAcquire(1);
            if (!lease.IsAcquired)
            {
                long retry = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan after) ? (long)Math.Ceiling(after.TotalMilliseconds) : 100;
                throw new GatewayProtocolException(GatewayErrorCodes.RateLimited,
                    $"Publish rate limit of {_s.Options.PublishRatePerSecond}/s (burst {_s.Options.PublishBurst}) reached; retry after {retry} ms.")
                {
                    RetryAfterMs = retry,
                };
            }
        }

        string topic = frame.RequiredString("topic");
        BusNames.ValidateTopic(topic);
        if (!principal.CanPublish(topic))
        {
            throw new GatewayProtocolException(GatewayErrorCodes.Forbidden, $"'{principal.Name}' may not publish to '{topic}'.", "topic");
        }

        int maxList = _s.Options.MaxListEntries;
        var request = new PublishRequest(topic, frame.RequiredRawValue("payload"))
        {
            Key = frame.OptionalString("key"),
            Partition = frame.OptionalInt("partition", 0, int.MaxValue),
            Headers = frame.OptionalStringMap("headers", maxList),
            Id = frame.OptionalString("id"),
            Sid = frame.OptionalString("sid"),
            CausedBy = frame.OptionalStringArray("caused_by", maxList),
            Tags = frame.OptionalStringArray("tags", maxList),
        };
        TouchTopic(topic);
        _publishes!.Enqueue(corr, request);
    }

    private async Task<byte[]> SubscribeAsync(ClientFrame frame, byte[]? corr, GatewayPrincipal principal)
    {
        (string topic, string group) = ReadTarget(frame);
        if (!principal.CanSubscribe(topic, group))
        {
            throw new GatewayProtocolException(GatewayErrorCodes.Forbidden, $"'{principal.Name}' may not subscribe to '{topic}' in group '{group}'.", "group");
        }

        SubscribeOptionsReader.Result opts = SubscribeOptionsReader.Read(frame.OptionalObject("opts"), _s.Options.MaxInFlightLimit);
        await _control.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            if (_subsClosed)
            {
                throw new GatewayProtocolException(GatewayErrorCodes.ShuttingDown, "The connection is closing.");
            }

            if (_subs.ContainsKey((topic, group)))
            {
                throw new GatewayProtocolException(GatewayErrorCodes.AlreadySubscribed, $"This connection is already subscribed to '{topic}' in group '{group}'.");
            }

            if (_subs.Count >= _s.Options.MaxSubscriptionsPerConnection)
            {
                throw new GatewayProtocolException(GatewayErrorCodes.TooManySubscriptions,
                    $"A connection may hold {_s.Options.MaxSubscriptionsPerConnection} subscriptions; UNSUBSCRIBE one first.");
            }

            TouchTopic(topic);
            Subscription sub = await _s.Bus.SubscribeAsync(topic, group, opts.Options, _closing.Token).ConfigureAwait(false);
            var gs = new GatewaySubscription(_s, _queue, sub, opts.Version, opts.Credits, Id);
            _subs[(topic, group)] = gs;
            gs.Start();
            return ServerFrames.Ok(corr, sub, static (w, s) =>
            {
                w.WriteString("topic", s.Topic);
                w.WriteString("group", s.Group);
                w.WriteString("member", s.MemberId);
            });
        }
        finally
        {
            _control.Release();
        }
    }

    private async Task<byte[]> UnsubscribeAsync((string Topic, string Group) target, byte[]? corr)
    {
        GatewaySubscription? gs;
        await _control.WaitAsync(_closing.Token).ConfigureAwait(false);
        try
        {
            if (!_subs.TryRemove(target, out gs))
            {
                throw NotSubscribed(target);
            }
        }
        finally
        {
            _control.Release();
        }

        await gs.StopAsync(countAttempt: false).ConfigureAwait(false);
        return ServerFrames.Ok(corr);
    }

    private async Task<byte[]> AckAsync(GatewaySubscription gs, string id, byte[]? corr)
    {
        SettleOutcome outcome = await gs.AckAsync(id, _closing.Token).ConfigureAwait(false);
        return ServerFrames.Ok(corr, outcome, static (w, o) => w.WriteString("outcome", OutcomeName(o)));
    }

    /// <summary>RELEASE: the delivery goes back to the group now, its attempt not counted (the client did not process it).</summary>
    private async Task<byte[]> ReleaseAsync(GatewaySubscription gs, string id, byte[]? corr)
    {
        bool released = await gs.ReleaseAsync(id, _closing.Token).ConfigureAwait(false);
        return ServerFrames.Ok(corr, released, static (w, r) => w.WriteString("outcome", r ? "released" : "stale"));
    }

    private Task<byte[]> NackAsync(ClientFrame frame, byte[]? corr)
    {
        GatewaySubscription gs = Find(frame);
        string id = frame.RequiredString("id");
        string reason = frame.OptionalString("reason") ?? "nacked by the client";
        if (reason.Length > MaxReasonLength)
        {
            reason = reason[..MaxReasonLength];
        }

        long? delayMs = frame.OptionalLong("delay_ms", 0, 24L * 3600 * 1000);
        return Run();

        async Task<byte[]> Run()
        {
            SettleOutcome outcome = await gs.NackAsync(id, reason, delayMs is { } ms ? TimeSpan.FromMilliseconds(ms) : null, _closing.Token).ConfigureAwait(false);
            return ServerFrames.Ok(corr, outcome, static (w, o) => w.WriteString("outcome", OutcomeName(o)));
        }
    }

    private Task<byte[]> ModAckAsync(ClientFrame frame, byte[]? corr)
    {
        GatewaySubscription gs = Find(frame);
        string id = frame.RequiredString("id");
        long extendMs = frame.OptionalLong("extend_ms", 1, 12L * 3600 * 1000) ?? throw ClientFrame.Missing("extend_ms");
        return Run();

        async Task<byte[]> Run()
        {
            if (!await gs.ModAckAsync(id, TimeSpan.FromMilliseconds(extendMs), _closing.Token).ConfigureAwait(false))
            {
                throw new GatewayProtocolException(GatewayErrorCodes.LeaseLost,
                    $"The lease of event '{id}' was lost (expired and redelivered, or settled); do not ACK it.", "id");
            }

            return ServerFrames.Ok(corr);
        }
    }

    private static string OutcomeName(SettleOutcome o) => o switch
    {
        SettleOutcome.Settled => "settled",
        SettleOutcome.AlreadySettled => "already_settled",
        SettleOutcome.Released => "released",
        SettleOutcome.DeadLettered => "dead_lettered",
        SettleOutcome.Stale => "stale",
        _ => o.ToString(),
    };

    private static (string Topic, string Group) ReadTarget(ClientFrame frame)
    {
        string topic = frame.RequiredString("topic");
        string group = frame.RequiredString("group");
        BusNames.ValidateTopic(topic);
        BusNames.ValidateGroup(group);
        return (topic, group);
    }

    private GatewaySubscription Find(ClientFrame frame)
    {
        (string Topic, string Group) target = ReadTarget(frame);
        return _subs.TryGetValue(target, out GatewaySubscription? gs) ? gs : throw NotSubscribed(target);
    }

    private static GatewayProtocolException NotSubscribed((string Topic, string Group) target) =>
        new(GatewayErrorCodes.NotSubscribed, $"This connection has no subscription to '{target.Topic}' in group '{target.Group}'.", "topic");

    private void TouchTopic(string topic)
    {
        lock (_topics)
        {
            if (_topics.Count >= _s.Options.MaxTopicsPerConnection && !_topics.Contains(topic))
            {
                throw new GatewayProtocolException(GatewayErrorCodes.TooManyTopics,
                    $"A connection may use {_s.Options.MaxTopicsPerConnection} distinct topics; '{topic}' would be one more.", "topic");
            }

            _topics.Add(topic);
        }
    }
}
