using System;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Prom.Bus.Client.Wire;

namespace Prom.Bus.Client;

public sealed partial class BusClient
{
    private readonly Lock _connectionLock = new();

    /// <summary>Completed with the open connection; replaced by a fresh one when the connection drops.</summary>
    private TaskCompletionSource<WireConnection> _connected = NewConnectedSignal();

    private Task? _supervisor;

    /// <summary>The newest connection opened (announced or still resubscribing): deliveries on it are live.</summary>
    private WireConnection? _latest;
    private int _generation;

    /// <summary>Set when reconnecting cannot help (the token was refused): every request fails with it.</summary>
    private Exception? _fatal;

    /// <summary>Whether a connection is open and authenticated right now.</summary>
    public bool IsConnected => _connected.Task is { IsCompletedSuccessfully: true } t && t.Result.IsOpen;

    /// <summary>How many connections this client has opened (1 + reconnects).</summary>
    public int ConnectionCount => Volatile.Read(ref _generation);

    /// <summary>
    /// Connects and authenticates now (otherwise the first request does). Returns once a connection is open; from then on
    /// the client reconnects by itself.
    /// </summary>
    /// <exception cref="BusGatewayException">The token was refused (<c>auth_failed</c>).</exception>
    public async Task ConnectAsync(CancellationToken ct = default) => await GetConnectionAsync(ct).ConfigureAwait(false);

    /// <summary>Waits for an open, authenticated connection (starting the supervisor on first use).</summary>
    internal async Task<WireConnection> GetConnectionAsync(CancellationToken ct)
    {
        ObjectDisposedException.ThrowIf(_disposing.IsCancellationRequested, this);
        lock (_connectionLock)
        {
            _supervisor ??= Task.Run(SuperviseAsync, CancellationToken.None);
        }

        while (true)
        {
            if (_fatal is { } fatal)
            {
                throw fatal;
            }

            Task<WireConnection> signal;
            lock (_connectionLock)
            {
                signal = _connected.Task;
            }

            WireConnection connection = await signal.WaitAsync(ct).ConfigureAwait(false);
            if (connection.IsOpen)
            {
                return connection;
            }

            // Closed since it was announced: replace the stale signal here (unless the supervisor already did), so the
            // next wait is on the one the supervisor completes with the next connection (no polling). The supervisor only
            // replaces a completed signal, so it leaves this fresh one in place.
            lock (_connectionLock)
            {
                if (ReferenceEquals(_connected.Task, signal) && _fatal is null)
                {
                    _connected = NewConnectedSignal();
                }
            }
        }
    }

    /// <summary>
    /// Keeps one connection open: connect, AUTH, resubscribe every subscription, announce; when it drops, pause (exponential
    /// backoff with jitter, reset by a successful connect) and start again. Publishes and subscribes waiting meanwhile
    /// go out on the next connection.
    /// </summary>
    private async Task SuperviseAsync()
    {
        int failures = 0;
        while (!_disposing.IsCancellationRequested)
        {
            WireConnection? connection = null;
            try
            {
                connection = await WireConnection.OpenAsync(_options.Url!, _options.KeepAliveInterval, Interlocked.Increment(ref _generation), OnEvent, _disposing.Token)
                    .ConfigureAwait(false);
                // EVENTs of resubscriptions arrive on it before it is announced: deliveries belong to the newest connection.
                Volatile.Write(ref _latest, connection);
                await AuthenticateAsync(connection).ConfigureAwait(false);
                await ResubscribeAllAsync(connection).ConfigureAwait(false);
                lock (_connectionLock)
                {
                    _connected.TrySetResult(connection);
                }

                _logger.LogInformation("Connected to {Url} as {Principal} (connection {Generation})", _options.Url, Principal, connection.Generation);
                failures = 0;
                Exception? why = await connection.Closed.WaitAsync(_disposing.Token).ConfigureAwait(false); // disposal closes it in finally
                if (!_disposing.IsCancellationRequested)
                {
                    _logger.LogWarning(why, "Connection {Generation} to {Url} lost; reconnecting", connection.Generation, _options.Url);
                }
            }
            catch (OperationCanceledException) when (_disposing.IsCancellationRequested)
            {
                break;
            }
            catch (BusGatewayException refused) when (refused.Code == WireError.AuthFailed)
            {
                _logger.LogError("The gateway at {Url} refused the token: {Message}", _options.Url, refused.Message);
                _fatal = refused;
                lock (_connectionLock)
                {
                    _connected.TrySetException(refused);
                }

                break;
            }
            catch (Exception ex)
            {
                failures++;
                _logger.LogWarning("Connecting to {Url} failed (attempt {Attempt}): {Message}", _options.Url, failures, ex.Message);
            }
            finally
            {
                lock (_connectionLock)
                {
                    if (_connected.Task.IsCompleted && _fatal is null)
                    {
                        _connected = NewConnectedSignal();
                    }
                }

                if (connection is not null)
                {
                    await connection.DisposeAsync().ConfigureAwait(false);
                }
            }

            try
            {
                await Task.Delay(ReconnectDelay(failures), _options.TimeProvider, _disposing.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
    }

    private TimeSpan ReconnectDelay(int failures)
    {
        double max = _options.ReconnectMaxDelay.TotalMilliseconds;
        double delay = Math.Min(max, _options.ReconnectMinDelay.TotalMilliseconds * Math.Pow(2, Math.Min(failures, 20)));
        return TimeSpan.FromMilliseconds(delay * (0.5 + (Random.Shared.NextDouble() / 2)));
    }

    private async Task AuthenticateAsync(WireConnection connection)
    {
        long corr = NextCorr();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(_disposing.Token);
        timeout.CancelAfter(_options.RequestTimeout);
        WireReply reply = await connection.RequestAsync(corr, ClientFrames.Auth(corr, _options.Token!), timeout.Token).ConfigureAwait(false);
        if (!reply.IsOk)
        {
            throw reply.Error.ToException("AUTH");
        }

        Principal = reply.Frame.TryGetProperty("principal", out JsonElement p) ? p.GetString() : null;
        if (reply.Frame.TryGetProperty("scopes", out JsonElement scopes) && scopes.ValueKind == JsonValueKind.Array)
        {
            var list = new string[scopes.GetArrayLength()];
            int i = 0;
            foreach (JsonElement s in scopes.EnumerateArray())
            {
                list[i++] = s.GetString() ?? string.Empty;
            }

            Scopes = list;
        }
    }

    private static TaskCompletionSource<WireConnection> NewConnectedSignal() => new(TaskCreationOptions.RunContinuationsAsynchronously);

    private long NextCorr() => Interlocked.Increment(ref _corr);
}
