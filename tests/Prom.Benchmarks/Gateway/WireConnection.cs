using System;
using System.Buffers;
using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// A minimal driver of the gateway protocol (docs/gateway.md) over one <see cref="ClientWebSocket"/>: requests carry an
/// integer <c>corr</c> and complete when the reply with it arrives; EVENT frames go to a callback with the record id.
/// Written for the benchmark: no reconnect, no retry — any ERR or a closed socket fails the request.
/// </summary>
internal sealed class WireConnection : IAsyncDisposable
{
    private readonly ClientWebSocket _socket = new();
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly ArrayBufferWriter<byte> _sendBuffer = new(1024);
    private readonly ConcurrentDictionary<long, TaskCompletionSource> _pending = new();
    private readonly Action<string, string, string>? _onEvent;
    private Task _reader = Task.CompletedTask;
    private long _corr;

    private WireConnection(Action<string, string, string>? onEvent)
    {
        _onEvent = onEvent;
    }

    /// <summary>Connects and authenticates; <paramref name="onEvent"/> gets (topic, group, event id) of every EVENT, on the reader.</summary>
    public static async Task<WireConnection> ConnectAsync(Uri uri, string token, Action<string, string, string>? onEvent = null)
    {
        var c = new WireConnection(onEvent);
        c._socket.Options.AddSubProtocol("prom-bus.v1");
        await c._socket.ConnectAsync(uri, CancellationToken.None).ConfigureAwait(false);
        c._reader = Task.Run(c.ReadLoopAsync);
        await c.RequestAsync(w =>
        {
            w.WriteString("op", "AUTH");
            w.WriteString("token", token);
        }).ConfigureAwait(false);
        return c;
    }

    public Task PublishAsync(string topic, byte[] payload) => RequestAsync(w =>
    {
        w.WriteString("op", "PUBLISH");
        w.WriteString("topic", topic);
        w.WritePropertyName("payload");
        w.WriteRawValue(payload, skipInputValidation: true);
    });

    public Task SubscribeAsync(string topic, string group, int maxInFlight) => RequestAsync(w =>
    {
        w.WriteString("op", "SUBSCRIBE");
        w.WriteString("topic", topic);
        w.WriteString("group", group);
        w.WriteStartObject("opts");
        w.WriteString("from", "latest");
        w.WriteNumber("max_inflight", maxInFlight);
        w.WriteEndObject();
    });

    public Task AckAsync(string topic, string group, string id) => RequestAsync(w =>
    {
        w.WriteString("op", "ACK");
        w.WriteString("topic", topic);
        w.WriteString("group", group);
        w.WriteString("id", id);
    });

    /// <summary>Sends one request frame (the fields <paramref name="write"/> writes, plus corr) and waits for OK.</summary>
    public async Task RequestAsync(Action<Utf8JsonWriter> write)
    {
        long corr = Interlocked.Increment(ref _corr);
        var reply = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _pending[corr] = reply;
        await _sendLock.WaitAsync().ConfigureAwait(false);
        try
        {
            _sendBuffer.ResetWrittenCount();
            using (var w = new Utf8JsonWriter(_sendBuffer))
            {
                w.WriteStartObject();
                write(w);
                w.WriteNumber("corr", corr);
                w.WriteEndObject();
            }

            await _socket.SendAsync(_sendBuffer.WrittenMemory, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None).ConfigureAwait(false);
        }
        finally
        {
            _sendLock.Release();
        }

        await reply.Task.ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            using var timeout = new CancellationTokenSource(2000);
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, "done", timeout.Token).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException)
        {
        }

        _socket.Abort();
        await _reader.ConfigureAwait(false);
        _socket.Dispose();
    }

    private async Task ReadLoopAsync()
    {
        var buffer = new byte[64 * 1024];
        var message = new ArrayBufferWriter<byte>(64 * 1024);
        try
        {
            while (true)
            {
                message.ResetWrittenCount();
                ValueWebSocketReceiveResult r;
                do
                {
                    r = await _socket.ReceiveAsync(buffer.AsMemory(), CancellationToken.None).ConfigureAwait(false);
                    message.Write(buffer.AsSpan(0, r.Count));
                }
                while (!r.EndOfMessage && r.MessageType != WebSocketMessageType.Close);

                if (r.MessageType == WebSocketMessageType.Close)
                {
                    return;
                }

                Dispatch(message.WrittenMemory);
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
        }
        finally
        {
            foreach (TaskCompletionSource pending in _pending.Values)
            {
                pending.TrySetException(new InvalidOperationException("The gateway connection closed before the reply."));
            }
        }
    }

    private void Dispatch(ReadOnlyMemory<byte> frame)
    {
        using JsonDocument doc = JsonDocument.Parse(frame);
        JsonElement root = doc.RootElement;
        string? op = root.GetProperty("op").GetString();
        if (op == "EVENT")
        {
            _onEvent?.Invoke(root.GetProperty("topic").GetString()!, root.GetProperty("group").GetString()!,
                root.GetProperty("event").GetProperty("id").GetString()!);
            return;
        }

        if (!root.TryGetProperty("corr", out JsonElement corr) || !_pending.TryRemove(corr.GetInt64(), out TaskCompletionSource? reply))
        {
            return;
        }

        if (op == "OK")
        {
            reply.TrySetResult();
        }
        else
        {
            reply.TrySetException(new InvalidOperationException("The gateway answered " + Encoding.UTF8.GetString(frame.Span)));
        }
    }
}
