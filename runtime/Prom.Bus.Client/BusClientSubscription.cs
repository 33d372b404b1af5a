using System;
using System.Collections.Concurrent;
using System.Threading;
using System.Threading.Channels;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;

namespace Prom.Bus.Client;

/// <summary>
/// One member of a consumer group over the network. The gateway pushes at most <see cref="SubscriptionOptions.MaxInFlight"/>
/// unacked EVENTs, so the local queue is bounded by the window. Deliveries that arrived on a connection that has since
/// dropped are skipped (the server gave them back to the group); after a reconnect the client joins again by itself.
/// </summary>
public sealed class BusClientSubscription : IBusSubscription
{
    private readonly BusClient _client;
    private readonly Channel<BusClientDelivery> _ready = Channel.CreateUnbounded<BusClientDelivery>(new UnboundedChannelOptions { SingleWriter = true });
    private readonly CancellationTokenSource _stopHandler = new();
    private Task _handlerLoop = Task.CompletedTask;
    private int _disposed;

    internal BusClientSubscription(BusClient client, string topic, string group, SubscriptionOptions options)
    {
        _client = client;
        Topic = topic;
        Group = group;
        Options = options;
    }

    /// <inheritdoc />
    public string Topic { get; }

    /// <inheritdoc />
    public string Group { get; }

    /// <inheritdoc />
    /// <remarks>The member id the gateway gave the latest SUBSCRIBE; a reconnect joins as a new member with a new id.</remarks>
    public string MemberId { get; private set; } = string.Empty;

    /// <summary>Options in effect.</summary>
    public SubscriptionOptions Options { get; }

    /// <summary>How many times this subscription joined its group (1 + resubscriptions after reconnects).</summary>
    public int JoinCount => Volatile.Read(ref _joinCount);

    private int _joinCount;

    /// <summary>Serializes SUBSCRIBE of this member between the supervisor's resubscribe and the first subscribe.</summary>
    internal SemaphoreSlim JoinGate { get; } = new(1, 1);

    /// <summary>The connection generation this member is joined on (0 = never joined).</summary>
    internal int JoinedGeneration { get; private set; }

    /// <inheritdoc />
    public async ValueTask<IBusDelivery> ReceiveAsync(CancellationToken ct = default) => await ReceiveDeliveryAsync(ct).ConfigureAwait(false);

    /// <summary>Waits for the next delivery; throws the server's refusal when a resubscription was refused.</summary>
    /// <exception cref="ObjectDisposedException">The subscription was disposed.</exception>
    public async ValueTask<BusClientDelivery> ReceiveDeliveryAsync(CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _disposed) != 0, this);
        while (true)
        {
            BusClientDelivery d;
            try
            {
                d = await _ready.Reader.ReadAsync(ct).ConfigureAwait(false);
            }
            catch (ChannelClosedException closed) when (closed.InnerException is null)
            {
                throw new ObjectDisposedException(nameof(BusClientSubscription), $"The subscription {Topic}/{Group} was disposed.");
            }
            catch (ChannelClosedException closed)
            {
                throw closed.InnerException!;
            }

            if (_client.IsCurrent(d))
            {
                return d;
            }

            // It came on a connection that dropped: the server released it to the group; it comes again.
        }
    }

    /// <summary>Leaves the group: stops a handler loop (running handlers finish first) and sends UNSUBSCRIBE.</summary>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopHandler.CancelAsync().ConfigureAwait(false);
        await _handlerLoop.ConfigureAwait(false);
        await _client.LeaveAsync(this).ConfigureAwait(false);
        _ready.Writer.TryComplete();
        _stopHandler.Dispose();
    }

    internal void Joined(int generation, string? memberId)
    {
        JoinedGeneration = generation;
        MemberId = memberId ?? string.Empty;
        Interlocked.Increment(ref _joinCount);
    }

    internal void Enqueue(BusClientDelivery delivery) => _ready.Writer.TryWrite(delivery);

    internal void Fault(Exception why) => _ready.Writer.TryComplete(why);

    /// <summary>Runs <paramref name="handler"/> for each delivery, up to MaxInFlight at once (see <see cref="BusClient"/>'s handler overload).</summary>
    internal void StartHandler(Func<IBusDelivery, CancellationToken, Task> handler, ILogger logger) =>
        _handlerLoop = Task.Run(() => HandleLoopAsync(handler, logger));

    private async Task HandleLoopAsync(Func<IBusDelivery, CancellationToken, Task> handler, ILogger logger)
    {
        using var slots = new SemaphoreSlim(Options.MaxInFlight, Options.MaxInFlight);
        var running = new ConcurrentDictionary<Task, byte>();
        CancellationToken stop = _stopHandler.Token;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                await slots.WaitAsync(stop).ConfigureAwait(false);
                BusClientDelivery d;
                try
                {
                    d = await ReceiveDeliveryAsync(stop).ConfigureAwait(false);
                }
                catch
                {
                    slots.Release();
                    throw;
                }

                Task run = RunOneAsync(d, handler, logger, slots);
                running[run] = 0;
                _ = run.ContinueWith(t => running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "The handler loop of {Topic}/{Group} stopped", Topic, Group);
        }

        await Task.WhenAll(running.Keys).ConfigureAwait(false);
    }

    private static async Task RunOneAsync(BusClientDelivery d, Func<IBusDelivery, CancellationToken, Task> handler, ILogger logger, SemaphoreSlim slots)
    {
        try
        {
            await Task.Yield();
            try
            {
                await handler(d, CancellationToken.None).ConfigureAwait(false);
                if (!d.IsCompleted)
                {
                    await d.AckAsync().ConfigureAwait(false);
                }
            }
            catch (Exception ex) when (!d.IsCompleted)
            {
                logger.LogWarning(ex, "Handler failed on {Topic}[{Partition}]@{Offset} (attempt {Attempt})", d.Record.Topic, d.Record.Partition, d.Record.Offset, d.Attempt);
                await d.NackAsync($"{ex.GetType().Name}: {ex.Message}").ConfigureAwait(false);
            }
        }
        catch (Exception settle)
        {
            // The settle itself failed (connection gone, timeout): the lease expires and the record comes again.
            logger.LogWarning(settle, "Settling {Id} failed; its lease will expire and it is redelivered", d.Record.Id);
        }
        finally
        {
            slots.Release();
        }
    }
}
