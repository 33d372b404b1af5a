using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Prom.Bus.Hosting;

/// <summary>Periodically applies retention, compaction (topics marked <see cref="TopicConfig.Compacted"/>) and idempotency-key purges.</summary>
public sealed class BusMaintenanceService : BackgroundService
{
    private readonly EventBus _bus;
    private readonly ILogger _logger;

    /// <summary>Creates the service.</summary>
    public BusMaintenanceService(EventBus bus, ILogger<BusMaintenanceService> logger)
    {
        _bus = bus;
        _logger = logger;
    }

    /// <summary>One maintenance pass over every topic.</summary>
    public async Task RunOnceAsync(CancellationToken ct)
    {
        foreach (TopicConfig topic in await _bus.Store.ListTopicsAsync(ct).ConfigureAwait(false))
        {
            if (topic.Retention is not null)
            {
                int removed = await _bus.ApplyRetentionAsync(topic.Name, ct).ConfigureAwait(false);
                _logger.LogDebug("Retention removed {Count} records from {Topic}", removed, topic.Name);
            }

            if (topic.Compacted)
            {
                int removed = await _bus.CompactAsync(topic.Name, ct).ConfigureAwait(false);
                _logger.LogDebug("Compaction removed {Count} records from {Topic}", removed, topic.Name);
            }
        }

        await _bus.Store.PurgeProcessedAsync(_bus.Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds(), ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_bus.Options.MaintenanceInterval, _bus.Options.TimeProvider);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    await RunOnceAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    _logger.LogError(ex, "Bus maintenance failed; retrying next interval");
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
