using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.RateLimiting;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bus.Gateway.Protocol;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway.Connections;

/// <summary>
/// One WebSocket client. The receive loop reads one frame at a time (at most <see cref="GatewayOptions.MaxFrameBytes"/>),
/// takes a request slot for it and dispatches it (<c>GatewayConnection.Requests.cs</c>); every request is answered by
/// exactly one OK/ERR/PONG through the <see cref="OutboundQueue"/>, the only writer of the socket. Closing always goes
/// through that writer too: queue what is left, then the close frame, then wait briefly for the peer's close.
/// </summary>
internal sealed partial class GatewayConnection
{
    private const int InitialBufferBytes = 16 * 1024;
    private static readonly TimeSpan s_closeHandshakeTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan s_drainTimeout = TimeSpan.FromSeconds(10);

    private readonly GatewayServices _s;
    private readonly WebSocket _socket;
    private readonly OutboundQueue _queue;
    private readonly ConcurrentDictionary<(string Topic, string Group), GatewaySubscription> _subs = new();
    private readonly SemaphoreSlim _control = new(1, 1);
    private readonly HashSet<string> _topics = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _closing = new();
    private readonly TaskCompletionSource _receiveEnded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    /// <summary>Created at the first PUBLISH (its replenishment timer costs nothing on connections that only consume).</summary>
    private RateLimiter? _publishRate;
    private volatile GatewayPrincipal? _principal;
    private PublishPipeline? _publishes;
    private int _authFailures;
    private bool _subsClosed;
    private volatile bool _shuttingDown;
    private int _closeRequested;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeDescription = "bye";

    public GatewayConnection(GatewayServices services, WebSocket socket, string remote)
    {
        _s = services;
        _socket = socket;
        Remote = remote;
        Id = UuidV7.NewId();
        OpenedAt = services.NowMs;
        _queue = new OutboundQueue(socket, services.Options.SendQueueEvents, services.Options.MaxPendingRequests);
    }

    public string Id { get; }

    public string Remote { get; }

    public long OpenedAt { get; }

    public GatewayPrincipal? Principal => _principal;

    public IReadOnlyList<GatewaySubscription> Subscriptions => [.. _subs.Values];

    /// <summary>Serves the connection until it closes; never throws for anything the peer does.</summary>
    public async Task RunAsync()
    {
        _s.Connections.Add(this);
        Task writer = _queue.RunAsync(CancellationToken.None);
        Task closer = CloseAfterWriterAsync(writer);
        using var authTimer = new Timer(_ => OnAuthTimeout(), null, _s.Options.AuthTimeout, Timeout.InfiniteTimeSpan);
        try
        {
            await ReceiveLoopAsync().ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer vanished (reset, abort, half-closed and gone): treated like a close.
        }
        catch (Exception ex)
        {
            _s.Logger.LogError(ex, "Connection {Connection} from {Remote} failed", Id, Remote);
        }
        finally
        {
            _receiveEnded.TrySetResult();
            await TeardownAsync(countAttempts: !_shuttingDown).ConfigureAwait(false);
            RequestClose(WebSocketCloseStatus.NormalClosure, "bye");
            await writer.ConfigureAwait(false);
            await closer.ConfigureAwait(false);
            await _closing.CancelAsync().ConfigureAwait(false);
            _publishRate?.Dispose();
            _s.Connections.Remove(this);
        }
    }

    /// <summary>
    /// Graceful shutdown of this connection: new requests get <c>ERR shutting_down</c>, subscriptions stop and give their
    /// open deliveries back (attempt not counted), queued publishes finish and are answered, then the socket closes 1001.
    /// </summary>
    public void BeginShutdown()
    {
        if (_shuttingDown)
        {
            return;
        }

        _shuttingDown = true;
        _ = Task.Run(async () =>
        {
            try
            {
                await TeardownAsync(countAttempts: false).ConfigureAwait(false);
                await WaitForRepliesAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                _s.Logger.LogWarning(ex, "Connection {Connection}: graceful shutdown step failed", Id);
            }

            RequestClose(WebSocketCloseStatus.EndpointUnavailable, "server shutting down");
        });
    }

    private async Task ReceiveLoopAsync()
    {
        int max = _s.Options.MaxFrameBytes;
        byte[] buffer = new byte[Math.Min(InitialBufferBytes, max + 1)];
        while (true)
        {
            int length = 0;
            ValueWebSocketReceiveResult r = default;
            while (true)
            {
                if (length == buffer.Length)
                {
                    if (buffer.Length > max)
                    {
                        break; // the frame is over the limit; stop reading it
                    }

                    Array.Resize(ref buffer, (int)Math.Min((long)buffer.Length * 2, max + 1L));
                }

                r = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None).ConfigureAwait(false);
                length += r.Count;
                if (r.EndOfMessage || r.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
            }

            if (r.MessageType == WebSocketMessageType.Close)
            {
                return;
            }

            if (Volatile.Read(ref _closeRequested) != 0)
            {
                continue; // closing: what still arrives is read and dropped until the peer's close frame
            }

            await _queue.RequestSlots.WaitAsync().ConfigureAwait(false);
            if (length > max)
            {
                Reply(ServerFrames.Err(null, GatewayErrorCodes.FrameTooLarge, $"The frame is larger than the limit of {max} bytes; closing."));
                RequestClose(WebSocketCloseStatus.MessageTooBig, "frame too large");
                continue;
            }

            if (r.MessageType == WebSocketMessageType.Binary)
            {
                Reply(ServerFrames.Err(null, GatewayErrorCodes.BadFrame, "Binary frames are not accepted: send each message as one JSON text frame."));
            }
            else
            {
                await DispatchAsync(buffer.AsMemory(0, length)).ConfigureAwait(false);
            }

            if (buffer.Length > 4 * InitialBufferBytes)
            {
                buffer = new byte[InitialBufferBytes]; // do not keep a huge buffer per idle connection
            }
        }
    }

    /// <summary>Queues a reply; the caller holds the request slot it frees.</summary>
    private void Reply(byte[] frame) => _queue.Enqueue(frame, OutboundQueue.FrameKind.Reply);

    /// <summary>Asks the writer to send what is queued and then close with <paramref name="status"/> (the first request wins).</summary>
    private void RequestClose(WebSocketCloseStatus status, string description)
    {
        if (Interlocked.Exchange(ref _closeRequested, 1) != 0)
        {
            return;
        }

        _closeStatus = status;
        _closeDescription = description;
        _queue.Complete();
    }

    private async Task CloseAfterWriterAsync(Task writer)
    {
        await writer.ConfigureAwait(false);
        try
        {
            if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                using var timeout = new CancellationTokenSource(s_closeHandshakeTimeout);
                await _socket.CloseOutputAsync(_closeStatus, _closeDescription, timeout.Token).ConfigureAwait(false);
            }

            await _receiveEnded.Task.WaitAsync(s_closeHandshakeTimeout).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or TimeoutException or ObjectDisposedException)
        {
            _socket.Abort(); // the peer does not answer the close: drop it, which also ends the receive loop
        }
    }

    private void OnAuthTimeout()
    {
        if (_principal is null)
        {
            RequestClose(WebSocketCloseStatus.PolicyViolation, "no AUTH in time");
        }
    }

    /// <summary>Stops every subscription and the publish pipeline (idempotent).</summary>
    private async Task TeardownAsync(bool countAttempts)
    {
        await _control.WaitAsync().ConfigureAwait(false);
        List<GatewaySubscription> stopping;
        try
        {
            _subsClosed = true;
            stopping = [.. _subs.Values];
            _subs.Clear();
        }
        finally
        {
            _control.Release();
        }

        var stops = new List<Task>(stopping.Count);
        foreach (GatewaySubscription sub in stopping)
        {
            stops.Add(sub.StopAsync(countAttempts));
        }

        try
        {
            await Task.WhenAll(stops).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            _s.Logger.LogWarning(ex, "Connection {Connection}: a subscription did not stop cleanly", Id);
        }

        PublishPipeline? publishes = Volatile.Read(ref _publishes);
        if (publishes is not null)
        {
            await publishes.CompleteAsync().ConfigureAwait(false);
        }
    }

    /// <summary>Waits (bounded) until every request has its reply written.</summary>
    private async Task WaitForRepliesAsync()
    {
        long deadline = Environment.TickCount64 + (long)s_drainTimeout.TotalMilliseconds;
        while (_queue.RequestSlots.CurrentCount < _queue.RequestSlotCount && Environment.TickCount64 < deadline)
        {
            await Task.Delay(10).ConfigureAwait(false);
        }
    }
}
