using System;
using System.Collections.Concurrent;
using System.IO;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace Prom.Bus.Gateway.Tests;

/// <summary>
/// A raw <see cref="ClientWebSocket"/> speaking the protocol of docs/gateway.md by hand (no client library): requests
/// get a fresh <c>corr</c> and wait for the reply that echoes it; EVENTs and uncorrelated frames go to
/// <see cref="Events"/> and <see cref="Others"/>. Every wait is bounded.
/// </summary>
internal sealed class WireClient : IAsyncDisposable
{
    public const int DefaultTimeoutMs = 10_000;

    private readonly ClientWebSocket _socket;
    private readonly ConcurrentDictionary<string, TaskCompletionSource<WireFrame>> _pending = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Task _reader;
    private long _corr;

    private WireClient(ClientWebSocket socket)
    {
        _socket = socket;
        _reader = Task.Run(ReadLoopAsync);
    }

    public Channel<WireFrame> Events { get; } = Channel.CreateUnbounded<WireFrame>();

    public Channel<WireFrame> Others { get; } = Channel.CreateUnbounded<WireFrame>();

    public WebSocket Socket => _socket;

    /// <summary>Close status the server sent, once the socket closed.</summary>
    public WebSocketCloseStatus? CloseStatus => _socket.CloseStatus;

    public Task Closed => _reader;

    public static async Task<WireClient> ConnectAsync(Uri uri, string? subProtocol = GatewayProtocol.SubProtocol)
    {
        var socket = new ClientWebSocket();
        if (subProtocol is not null)
        {
            socket.Options.AddSubProtocol(subProtocol);
        }

        using var cts = new CancellationTokenSource(DefaultTimeoutMs);
        await socket.ConnectAsync(uri, cts.Token);
        return new WireClient(socket);
    }

    /// <summary>Sends <paramref name="frame"/> (an object serialized to JSON) with a new corr and waits for its reply.</summary>
    public async Task<WireFrame> RequestAsync(object frame, int timeoutMs = DefaultTimeoutMs)
    {
        string corr = "c" + Interlocked.Increment(ref _corr);
        JsonElement json = JsonSerializer.SerializeToElement(frame);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer))
        {
            w.WriteStartObject();
            foreach (JsonProperty p in json.EnumerateObject())
            {
                p.WriteTo(w);
            }

            w.WriteString("corr", corr);
            w.WriteEndObject();
        }

        var tcs = new TaskCompletionSource<WireFrame>(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[corr] = tcs;
        await SendRawAsync(buffer.ToArray(), WebSocketMessageType.Text);
        return await Within(tcs.Task, timeoutMs, $"reply to {json.GetRawText()}");
    }

    public Task SendTextAsync(string text) => SendRawAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text);

    public async Task SendRawAsync(ReadOnlyMemory<byte> bytes, WebSocketMessageType type, bool endOfMessage = true)
    {
        await _sendLock.WaitAsync();
        try
        {
            await _socket.SendAsync(bytes, type, endOfMessage, CancellationToken.None);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    public async Task<WireFrame> NextEventAsync(int timeoutMs = DefaultTimeoutMs) =>
        await Within(Events.Reader.ReadAsync().AsTask(), timeoutMs, "an EVENT");

    public async Task<WireFrame> NextOtherAsync(int timeoutMs = DefaultTimeoutMs) =>
        await Within(Others.Reader.ReadAsync().AsTask(), timeoutMs, "an uncorrelated frame");

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (_socket.State == WebSocketState.Open)
            {
                using var cts = new CancellationTokenSource(2000);
                await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", cts.Token);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Abort();
        await _reader;
        _socket.Dispose();
    }

    private static async Task<T> Within<T>(Task<T> task, int ms, string what)
    {
        try
        {
            return await task.WaitAsync(TimeSpan.FromMilliseconds(ms));
        }
        catch (TimeoutException)
        {
            throw new XunitException($"No {what} within {ms} ms.");
        }
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        try
        {
            while (true)
            {
                using var message = new MemoryStream();
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None);
                    message.Write(buffer, 0, r.Count);
                }
                while (!r.EndOfMessage && r.MessageType != WebSocketMessageType.Close);

                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                string raw = Encoding.UTF8.GetString(message.ToArray());
                var frame = new WireFrame(JsonDocument.Parse(raw).RootElement.Clone(), raw);
                if (frame.Op == "EVENT")
                {
                    Events.Writer.TryWrite(frame);
                }
                else if (frame.Root.TryGetProperty("corr", out JsonElement c) && c.ValueKind == JsonValueKind.String
                    && _pending.TryRemove(c.GetString()!, out TaskCompletionSource<WireFrame>? tcs))
                {
                    tcs.TrySetResult(frame);
                }
                else
                {
                    Others.Writer.TryWrite(frame);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            Events.Writer.TryComplete();
            Others.Writer.TryComplete();
            foreach (TaskCompletionSource<WireFrame> tcs in _pending.Values)
            {
                tcs.TrySetException(new XunitException("The connection closed before the reply."));
            }
        }
    }
}
