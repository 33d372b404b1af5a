using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus.Client.Wire;

/// <summary>
/// One WebSocket connection to the gateway: serialized sends, one receive loop that matches <c>OK</c>/<c>ERR</c>/<c>PONG</c>
/// replies to their requests by <c>corr</c> and hands <c>EVENT</c> frames to <see cref="_onEvent"/>. When the socket
/// closes or fails, every request still waiting fails with <see cref="ConnectionLostException"/> and <see cref="Closed"/>
/// completes; the connection is never reused (the client opens a new one).
/// </summary>
internal sealed class WireConnection : IAsyncDisposable
{
    /// <summary>The subprotocol that names the protocol version (docs/gateway.md, "Connecting").</summary>
    public const string SubProtocol = "prom-bus.v1";

    private readonly ClientWebSocket _socket;
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ConcurrentDictionary<long, TaskCompletionSource<WireReply>> _pending = new();
    private readonly Action<WireConnection, JsonElement> _onEvent;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<Exception?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _receiveLoop = Task.CompletedTask;

    private WireConnection(ClientWebSocket socket, int generation, Action<WireConnection, JsonElement> onEvent)
    {
        _socket = socket;
        Generation = generation;
        _onEvent = onEvent;
    }

    /// <summary>Counts the connections of one client: deliveries of an older generation were released by the server.</summary>
    public int Generation { get; }

    /// <summary>Completes when the connection is gone, with the failure that ended it (null for a clean close).</summary>
    public Task<Exception?> Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted;

    public static async Task<WireConnection> OpenAsync(Uri url, TimeSpan keepAlive, int generation, Action<WireConnection, JsonElement> onEvent, CancellationToken ct)
    {
        var socket = new ClientWebSocket();
        socket.Options.AddSubProtocol(SubProtocol);
        socket.Options.KeepAliveInterval = keepAlive;
        socket.Options.KeepAliveTimeout = keepAlive * 2;
        try
        {
            await socket.ConnectAsync(url, ct).ConfigureAwait(false);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var connection = new WireConnection(socket, generation, onEvent);
        connection._receiveLoop = Task.Run(connection.ReceiveLoopAsync, CancellationToken.None);
        return connection;
    }

    /// <summary>Sends <paramref name="frame"/> (which carries <paramref name="corr"/>) and waits for its reply.</summary>
    /// <exception cref="ConnectionLostException">The connection closed before the reply came; the request may or may not have been done.</exception>
    public async Task<WireReply> RequestAsync(long corr, byte[] frame, CancellationToken ct)
    {
        var reply = new TaskCompletionSource<WireReply>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[corr] = reply;
        try
        {
            if (!IsOpen)
            {
                throw new ConnectionLostException("The connection to the gateway is closed.");
            }

            await SendAsync(frame, ct).ConfigureAwait(false);
            return await reply.Task.WaitAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            _pending.TryRemove(corr, out _);
        }
    }

    /// <summary>Sends a frame whose reply nobody waits for.</summary>
    public async Task SendAsync(byte[] frame, CancellationToken ct)
    {
        await _sendLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or ObjectDisposedException or InvalidOperationException
                                   || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            // A send racing the socket's abort (the connection dropped and is being disposed) fails with an
            // OperationCanceledException of its own: that is a lost connection, not the caller's timeout.
            Fail(ex);
            throw new ConnectionLostException($"Sending to the gateway failed: {ex.Message}", ex);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    /// <summary>Closes the connection (status 1000) and waits for the receive loop.</summary>
    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
        {
            try
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
                await _socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "client closing", timeout.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer is gone already; nothing left to close politely.
            }
        }

        try
        {
            await _receiveLoop.WaitAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // The server did not answer our close: abort below.
        }

        await _stop.CancelAsync().ConfigureAwait(false);
        _socket.Abort();
        Fail(null);
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReceiveLoopAsync()
    {
        var buffer = new ArrayBufferWriter<byte>(16 * 1024);
        Exception? failure = null;
        try
        {
            while (true)
            {
                buffer.ResetWrittenCount();
                ValueWebSocketReceiveResult result;
                do
                {
                    result = await _socket.ReceiveAsync(buffer.GetMemory(16 * 1024), _stop.Token).ConfigureAwait(false);
                    buffer.Advance(result.Count);
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                if (result.MessageType == WebSocketMessageType.Close)
                {
                    failure = _socket.CloseStatus == WebSocketCloseStatus.NormalClosure
                        ? null
                        : new ConnectionLostException($"The gateway closed the connection: {_socket.CloseStatus} {_socket.CloseStatusDescription}");
                    break;
                }

                Dispatch(buffer.WrittenMemory);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException or JsonException)
        {
            failure = ex;
        }
        finally
        {
            Fail(failure ?? new ConnectionLostException("The connection to the gateway closed."));
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> frame)
    {
        using JsonDocument doc = JsonDocument.Parse(frame);
        JsonElement root = doc.RootElement;
        string? op = root.TryGetProperty("op", out JsonElement o) ? o.GetString() : null;
        if (op == "EVENT")
        {
            _onEvent(this, root.Clone());
            return;
        }

        if (root.TryGetProperty("corr", out JsonElement c) && c.TryGetInt64(out long corr) && _pending.TryGetValue(corr, out TaskCompletionSource<WireReply>? waiter))
        {
            waiter.TrySetResult(new WireReply(op ?? "ERR", root.Clone()));
        }

        // A reply without a known corr answers a request nobody waits for any more (timed out); nothing to do.
    }

    private void Fail(Exception? failure)
    {
        if (!_closed.TrySetResult(failure))
        {
            return;
        }

        foreach (TaskCompletionSource<WireReply> waiter in _pending.Values)
        {
            waiter.TrySetException(new ConnectionLostException("The connection to the gateway closed before the reply came.", failure));
        }
    }
}
