using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prom.Bus.Stores;

namespace Prom.Bus.Hosting;

/// <summary>
/// Runs <typeparamref name="THandler"/> for every delivery of one subscription, up to <c>MaxInFlight</c> at once. For an
/// ordered subscription the records of one partition run one after the other (partitions in parallel), and after a
/// failure the partition's records received behind it are released, so the retry comes first.
/// Shutdown is graceful: stop fetching first, let in-flight handlers finish and ack; if the host's shutdown timeout
/// expires, cancel the handlers and release their records unacked (never ack unfinished work).
/// It runs over any <see cref="IBusClient"/>: the in-process <see cref="EventBus"/> or the network client.
/// </summary>
/// <typeparam name="THandler">Handler type, resolved from a new DI scope per message.</typeparam>
/// <typeparam name="T">Payload type.</typeparam>
public sealed class BusConsumerService<THandler, T> : IHostedService, IAsyncDisposable
    where THandler : class, IBusHandler<T>
{
    private readonly IServiceProvider _services;
    private readonly IBusClient _bus;
    private readonly BusConsumerOptions _options;

    /// <summary>Clock, retry pause and idempotency TTL: the bus's options in process, the registered ones otherwise.</summary>
    private readonly BusOptions _busOptions;

    /// <summary>Where idempotent consumers mark processed ids: the bus's store in process, the registered store otherwise.</summary>
    private readonly IIdempotencyStore? _processed;
    private readonly IBusPayloadReader<T>? _reader;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopFetching = new();
    private readonly CancellationTokenSource _abortHandlers = new();

    /// <summary>Handler tasks in flight; the receive loop adds, each task removes itself.</summary>
    private readonly ConcurrentDictionary<Task, byte> _running = new();

    /// <summary>Ordered subscriptions: the last handler task queued per partition (used only by the receive loop).</summary>
    private readonly Dictionary<int, Task> _partitionTails = [];

    /// <summary>
    /// Ordered subscriptions: per partition, the offset whose handling failed (it went back for redelivery) and the
    /// receive sequence number at that moment. Deliveries of the partition above that offset received before then are
    /// given back unhandled, so the partition is handled in offset order: the redelivery first.
    /// </summary>
    private readonly ConcurrentDictionary<int, (long Offset, long Seq)> _failedAt = new();

    /// <summary>Number of deliveries received so far (the receive sequence).</summary>
    private long _received;

    private Task _loop = Task.CompletedTask;

    /// <summary>Creates the service (DI does this through <c>AddConsumer</c>).</summary>
    public BusConsumerService(IServiceProvider services, IBusClient bus, BusConsumerOptions options, ILogger<BusConsumerService<THandler, T>> logger)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(bus);
        _services = services;
        _bus = bus;
        if (bus is EventBus local)
        {
            _busOptions = local.Options;
            _processed = local.Store;
        }
        else
        {
            _busOptions = services.GetService<IOptions<BusOptions>>()?.Value ?? new BusOptions();
            _processed = services.GetService<IIdempotencyStore>() ?? services.GetService<IBusStore>();
        }
        _options = options;
        _reader = services.GetService<IBusPayloadReader<T>>();
        _logger = logger;
    }

    /// <inheritdoc />
    /// <exception cref="InvalidOperationException">The consumer is idempotent but no store for processed ids is registered.</exception>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (_options.Idempotent && _processed is null)
        {
            throw new InvalidOperationException(
                $"The idempotent consumer {typeof(THandler).Name} of {_options.Topic}/{_options.Group} needs a store to remember processed ids: " +
                "register an IIdempotencyStore (for example a local SqliteBusStore) next to the network client, or set Idempotent = false.");
        }

        IBusSubscription sub = await _bus.SubscribeAsync(_options.Topic, _options.Group, _options.Subscription, cancellationToken).ConfigureAwait(false);
        _loop = Task.Run(() => ReceiveLoopAsync(sub), CancellationToken.None);
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopFetching.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // The host's shutdown timeout expired with handlers still running: cancel them; they release, not ack.
            _logger.LogWarning("Shutdown timeout reached for {Topic}/{Group}: cancelling {Count} handlers", _options.Topic, _options.Group, _running.Count);
            await _abortHandlers.CancelAsync().ConfigureAwait(false);
            await _loop.WaitAsync(TimeSpan.FromSeconds(5), CancellationToken.None).ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await _stopFetching.CancelAsync().ConfigureAwait(false);
        await _abortHandlers.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }

        _stopFetching.Dispose();
        _abortHandlers.Dispose();
    }

    private async Task ReceiveLoopAsync(IBusSubscription sub)
    {
        try
        {
            while (!_stopFetching.IsCancellationRequested)
            {
                IBusDelivery d;
                try
                {
                    d = await sub.ReceiveAsync(_stopFetching.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (_stopFetching.IsCancellationRequested)
                {
                    break;
                }
                catch (Exception ex)
                {
                    _logger.LogError(ex, "Receive failed on {Topic}/{Group}; retrying", _options.Topic, _options.Group);
                    await Task.Delay(_busOptions.PollInterval, CancellationToken.None).ConfigureAwait(false);
                    continue;
                }

                // The subscription's window bounds how many of these run at once. Ordered: one partition's records run
                // one after the other, different partitions in parallel.
                long seq = Interlocked.Increment(ref _received);
                Task run = _options.Subscription.Ordered ? ChainAsync(d, seq) : HandleAsync(d);
                _running[run] = 0;
                _ = run.ContinueWith(t => _running.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            }

            // Stop fetching happened: wait for every in-flight handler (they finish, or release on abort).
            await Task.WhenAll(_running.Keys.ToArray()).ConfigureAwait(false);
        }
        finally
        {
            await sub.DisposeAsync().ConfigureAwait(false);
        }
    }

    private Task ChainAsync(IBusDelivery d, long seq)
    {
        int partition = d.Record.Partition;
        Task previous = _partitionTails.TryGetValue(partition, out Task? tail) ? tail : Task.CompletedTask;
        Task next = RunAfterAsync(previous, d, seq);
        _partitionTails[partition] = next;
        return next;
    }

    private async Task RunAfterAsync(Task previous, IBusDelivery d, long seq)
    {
        await previous.ConfigureAwait(false); // never faults: HandleAsync catches everything
        int partition = d.Record.Partition;
        if (_failedAt.TryGetValue(partition, out (long Offset, long Seq) failed) && seq <= failed.Seq && d.Record.Offset > failed.Offset)
        {
            try
            {
                await d.ReleaseAsync().ConfigureAwait(false);
            }
            catch (Exception ex)
            {
                // The lease will expire and the record comes back in order; nothing is lost.
                _logger.LogError(ex, "Release of {Topic}[{Partition}]@{Offset} failed; the lease will expire instead", d.Record.Topic, partition, d.Record.Offset);
            }

            return;
        }

        if (!await HandleAsync(d).ConfigureAwait(false))
        {
            _failedAt[partition] = (d.Record.Offset, Interlocked.Read(ref _received));
        }
    }

    /// <summary>Handles one delivery; true when the record ended settled (acked, or dead-lettered), false when it went back.</summary>
    private async Task<bool> HandleAsync(IBusDelivery d)
    {
        await Task.Yield();
        try
        {
            string key = _options.IdempotencyKey(d.Record);
            long now = _busOptions.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
            if (_options.Idempotent && await _processed!.IsProcessedAsync(key, now).ConfigureAwait(false))
            {
                await d.AckAsync().ConfigureAwait(false);
                return true;
            }

            T value;
            try
            {
                value = _reader is null ? d.Record.Deserialize<T>(_options.Json)! : _reader.Read(d.Record);
            }
            catch (Exception ex) when (ex is JsonException || (_reader is not null && ex is not OperationCanceledException))
            {
                // An unreadable payload is the record's fault, not the handler's: nack it (retries, then the DLQ).
                return await d.NackAsync($"payload is not a {typeof(T).Name}: {ex.Message}").ConfigureAwait(false) != SettleOutcome.Released;
            }

            await using (AsyncServiceScope scope = _services.CreateAsyncScope())
            {
                THandler handler = scope.ServiceProvider.GetRequiredService<THandler>();
                await handler.HandleAsync(new BusMessage<T>(d, value), _abortHandlers.Token).ConfigureAwait(false);
            }

            if (_options.Idempotent)
            {
                // Mark before ack: a crash in between redelivers, and the mark makes the redelivery a no-op.
                await _processed!.MarkProcessedAsync(key, now + (long)_busOptions.IdempotencyTtl.TotalMilliseconds).ConfigureAwait(false);
            }

            await d.AckAsync().ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException) when (_abortHandlers.IsCancellationRequested)
        {
            await d.ReleaseAsync().ConfigureAwait(false);
            _logger.LogInformation("Released unfinished {Topic}[{Partition}]@{Offset} on shutdown", d.Record.Topic, d.Record.Partition, d.Record.Offset);
            return false;
        }
        catch (Exception ex)
        {
            _logger.LogWarning(ex, "Handler {Handler} failed on {Topic}[{Partition}]@{Offset} (attempt {Attempt})",
                typeof(THandler).Name, d.Record.Topic, d.Record.Partition, d.Record.Offset, d.Attempt);
            try
            {
                return await d.NackAsync($"{ex.GetType().Name}: {ex.Message}").ConfigureAwait(false) != SettleOutcome.Released;
            }
            catch (Exception nackError)
            {
                // The lease will expire and the record comes back; nothing is lost.
                _logger.LogError(nackError, "Nack failed; the lease will expire instead");
                return false;
            }
        }
    }
}
