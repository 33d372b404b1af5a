using System;
using System.Net.WebSockets;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;

namespace Prom.Bus.Gateway.Connections;

/// <summary>
/// The one writer of a connection's socket. Everything it queues is bounded by two semaphores: event slots
/// (<see cref="GatewayOptions.SendQueueEvents"/>; a subscription takes one before it receives a delivery, so a full
/// queue pauses delivery to this connection only) and request slots (<see cref="GatewayOptions.MaxPendingRequests"/>;
/// the receive loop takes one per frame and the reply frees it once written). Nothing is buffered without a slot.
/// </summary>
internal sealed class OutboundQueue
{
    private readonly WebSocket _socket;
    private readonly Channel<(byte[] Frame, FrameKind Kind)> _frames =
        Channel.CreateUnbounded<(byte[], FrameKind)>(new UnboundedChannelOptions { SingleReader = true });

    public OutboundQueue(WebSocket socket, int eventSlots, int requestSlots)
    {
        _socket = socket;
        EventSlots = new SemaphoreSlim(eventSlots, eventSlots);
        RequestSlots = new SemaphoreSlim(requestSlots, requestSlots);
        RequestSlotCount = requestSlots;
    }

    public enum FrameKind
    {
        /// <summary>An OK/ERR/PONG answering a request: frees a request slot once written.</summary>
        Reply,

        /// <summary>An EVENT: frees an event slot once written.</summary>
        Event,
    }

    public SemaphoreSlim EventSlots { get; }

    public SemaphoreSlim RequestSlots { get; }

    public int RequestSlotCount { get; }

    /// <summary>Queues a frame whose slot the caller holds.</summary>
    public void Enqueue(byte[] frame, FrameKind kind)
    {
        if (!_frames.Writer.TryWrite((frame, kind)))
        {
            Free(kind); // the writer already stopped: the socket is gone, nothing will be sent
        }
    }

    /// <summary>Stops taking frames; <see cref="RunAsync"/> ends after writing what is queued.</summary>
    public void Complete() => _frames.Writer.TryComplete();

    /// <summary>Writes queued frames until <see cref="Complete"/> or the socket fails.</summary>
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await foreach ((byte[] frame, FrameKind kind) in _frames.Reader.ReadAllAsync(ct).ConfigureAwait(false))
            {
                try
                {
                    await _socket.SendAsync(frame, WebSocketMessageType.Text, endOfMessage: true, ct).ConfigureAwait(false);
                }
                finally
                {
                    Free(kind);
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The peer went away or the connection is being torn down: drop the rest (and free their slots).
        }
        finally
        {
            _frames.Writer.TryComplete();
            while (_frames.Reader.TryRead(out (byte[] Frame, FrameKind Kind) left))
            {
                Free(left.Kind);
            }
        }
    }

    private void Free(FrameKind kind) => (kind == FrameKind.Event ? EventSlots : RequestSlots).Release();
}
