using System;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Prom.Bus.Postgres;

/// <summary>
/// One dedicated connection in <c>LISTEN</c> on the schema's channel; every notification's payload is passed
/// to the callback. When the connection drops it reconnects with a growing pause (up to 5 s); notifications sent
/// meanwhile are lost, which the bus's fallback poll covers.
/// </summary>
internal sealed class PostgresListener : IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _channel;
    private readonly Action<string> _onNotification;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource _listening = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;

    public PostgresListener(NpgsqlDataSource dataSource, string channel, Action<string> onNotification)
    {
        _dataSource = dataSource;
        _channel = channel;
        _onNotification = onNotification;
    }

    /// <summary>Starts the loop and returns once the first <c>LISTEN</c> is in effect (or the first connection failed).</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        _loop = Task.Run(RunAsync, CancellationToken.None);
        await _listening.Task.WaitAsync(ct).ConfigureAwait(false);
    }

    private async Task RunAsync()
    {
        TimeSpan pause = TimeSpan.FromMilliseconds(100);
        while (!_stop.IsCancellationRequested)
        {
            try
            {
                await using NpgsqlConnection conn = await _dataSource.OpenConnectionAsync(_stop.Token).ConfigureAwait(false);
                conn.Notification += (_, e) => _onNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{_channel}\"", conn))
                {
                    await listen.ExecuteNonQueryAsync(_stop.Token).ConfigureAwait(false);
                }

                _listening.TrySetResult();
                pause = TimeSpan.FromMilliseconds(100);
                while (!_stop.IsCancellationRequested)
                {
                    await conn.WaitAsync(_stop.Token).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is NpgsqlException or System.IO.IOException or TimeoutException)
            {
                if (_listening.TrySetException(ex))
                {
                    return; // the first connection failed: OpenAsync reports it
                }

                try
                {
                    await Task.Delay(pause, _stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }

                pause = TimeSpan.FromTicks(Math.Min(pause.Ticks * 2, TimeSpan.FromSeconds(5).Ticks));
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            await _loop.ConfigureAwait(false);
        }

        _stop.Dispose();
    }
}
