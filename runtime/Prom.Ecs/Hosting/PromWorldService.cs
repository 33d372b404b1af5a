using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Prom.Ecs.Hosting;

/// <summary>
/// Ticks the host's <see cref="Scheduler"/> at the fixed <see cref="PromWorldOptions.Step"/> (<c>dt</c> = step). A
/// tick starts at once when the service starts, then on every step of a <see cref="PeriodicTimer"/>; a tick that
/// overruns makes the missed steps coalesce into one immediate tick (never a queue of late ticks), counted in
/// <see cref="CoalescedSteps"/>. Ticks never overlap.
/// </summary>
/// <remarks>
/// Stop is graceful: no new tick starts, the running tick completes (commit and effects included), then the loop ends.
/// If the host's shutdown timeout expires first, the tick's token is cancelled: its remaining batches are skipped and
/// the world commits what completed (see <see cref="Scheduler.TickAsync"/>).
/// </remarks>
public sealed class PromWorldService : IHostedService, IAsyncDisposable
{
    private readonly PromWorldOptions _options;
    private readonly IServiceProvider _services;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopTicking = new();
    private readonly CancellationTokenSource _abortTick = new();
    private Task _loop = Task.CompletedTask;
    private long _ticks;
    private long _coalesced;
    private long _failures;
    private int _disposed;

    /// <summary>Creates the service (DI does this through <see cref="PromWorldServiceCollectionExtensions.AddPromWorld"/>).</summary>
    /// <param name="options">The loop's settings.</param>
    /// <param name="scheduler">The scheduler to tick.</param>
    /// <param name="services">Optional services: a logger and the application lifetime.</param>
    public PromWorldService(PromWorldOptions options, Scheduler scheduler, IServiceProvider services)
    {
        _options = options;
        Scheduler = scheduler;
        _services = services;
        _logger = services.GetService<ILogger<PromWorldService>>() ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>The scheduler being ticked.</summary>
    public Scheduler Scheduler { get; }

    /// <summary>Ticks completed by the loop (including failed ones).</summary>
    public long Ticks => Interlocked.Read(ref _ticks);

    /// <summary>Steps that were skipped because a tick overran (coalesced into the next tick).</summary>
    public long CoalescedSteps => Interlocked.Read(ref _coalesced);

    /// <summary>Ticks that threw.</summary>
    public long Failures => Interlocked.Read(ref _failures);

    /// <summary>Completes when the loop has ended (after a stop, or after a failure when <see cref="PromWorldOptions.ContinueOnError"/> is false).</summary>
    public Task Completion => _loop;

    /// <inheritdoc />
    public Task StartAsync(CancellationToken cancellationToken)
    {
        _loop = Task.Run(LoopAsync, CancellationToken.None);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopTicking.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The host's shutdown timeout expired during a tick: abort it between batches (the world still commits).
            _logger.LogWarning("Shutdown timeout reached during tick {Tick}: cancelling the tick", Scheduler.World.Tick);
            await _abortTick.CancelAsync().ConfigureAwait(false);
            await _loop.ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        // DI disposes the instance once per registration (the service and the hosted-service alias): run once.
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopTicking.CancelAsync().ConfigureAwait(false);
        await _abortTick.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stopTicking.Dispose();
        _abortTick.Dispose();
    }

    private async Task LoopAsync()
    {
        float dt = (float)_options.Step.TotalSeconds;
        long stepTimestamps = Math.Max(1, (long)(_options.Step.TotalSeconds * Stopwatch.Frequency));
        using var timer = new PeriodicTimer(_options.Step);
        CancellationToken stop = _stopTicking.Token;
        while (!stop.IsCancellationRequested)
        {
            long started = Stopwatch.GetTimestamp();
            if (!await TickOnceAsync(dt).ConfigureAwait(false))
            {
                return;
            }

            // PeriodicTimer keeps at most one pending tick: the steps a long tick overran are coalesced, not queued.
            long overrun = (Stopwatch.GetTimestamp() - started) / stepTimestamps;
            if (overrun > 1)
            {
                Interlocked.Add(ref _coalesced, overrun - 1);
            }

            try
            {
                if (!await timer.WaitForNextTickAsync(stop).ConfigureAwait(false))
                {
                    return;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>Runs one tick; false when the loop must end.</summary>
    private async Task<bool> TickOnceAsync(float dt)
    {
        try
        {
            await Scheduler.TickAsync(dt, _abortTick.Token).ConfigureAwait(false);
            Interlocked.Increment(ref _ticks);
            return true;
        }
        catch (OperationCanceledException) when (_abortTick.IsCancellationRequested)
        {
            Interlocked.Increment(ref _ticks);
            return false;
        }
        catch (Exception exception)
        {
            Interlocked.Increment(ref _ticks);
            Interlocked.Increment(ref _failures);
            if (_options.ContinueOnError)
            {
                _logger.LogError(exception, "World tick failed; continuing with the next tick");
                return true;
            }

            _logger.LogCritical(exception, "World tick failed; stopping the world loop and the application");
            _services.GetService<IHostApplicationLifetime>()?.StopApplication();
            return false;
        }
    }
}
