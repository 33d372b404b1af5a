using System;
using System.Collections.Generic;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prom.Bus.Client.Wire;

namespace Prom.Bus.Client;

/// <summary>
/// The bus over the network: an <see cref="IBusClient"/> that speaks the gateway protocol (docs/gateway.md) over one
/// <see cref="System.Net.WebSockets.ClientWebSocket"/>. Generated [Topic] clients and hosted consumers run over it
/// unchanged. It connects on first use (or <see cref="ConnectAsync"/>), reconnects with backoff when the connection
/// drops and resubscribes every subscription; a publish whose reply was lost is sent again with the same id, which the
/// server never stores twice. Thread-safe; one instance per process and gateway is the normal use. One client holds one
/// member per (topic, group): for several competing members in one process, use several clients.
/// </summary>
public sealed partial class BusClient : IBusClient, IAsyncDisposable
{
    private readonly BusClientOptions _options;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _disposing = new();
    private long _corr;
    private long _resentPublishes;

    /// <summary>Creates a client; it connects on first use.</summary>
    /// <exception cref="ArgumentException">The options are incomplete (URL, token) or out of range.</exception>
    public BusClient(BusClientOptions options, ILogger<BusClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _options = options;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        _topics = new TopicCreator(options);
    }

    /// <summary>Options in effect.</summary>
    public BusClientOptions Options => _options;

    /// <summary>The principal the gateway authenticated (null before the first connection).</summary>
    public string? Principal { get; private set; }

    /// <summary>The scopes of the token, as the gateway reported them at AUTH.</summary>
    public IReadOnlyList<string> Scopes { get; private set; } = [];

    /// <inheritdoc />
    public int DefaultPartitions => _options.DefaultPartitions;

    /// <summary>How many publishes were sent again (same id) after their connection dropped before the OK.</summary>
    public long ResentPublishes => Interlocked.Read(ref _resentPublishes);

    /// <inheritdoc />
    /// <remarks>
    /// The WebSocket protocol has no topic op: with the <c>admin</c> scope this posts to the ops endpoint
    /// <c>POST /topics</c> of the same host (exact semantics: created, or the existing one, or <see cref="BusErrorCode.TopicConflict"/>).
    /// Without it the client may not create or inspect topics: it checks the name and returns <paramref name="config"/>,
    /// and the server creates the topic on first use with its own <c>Bus:DefaultPartitions</c>.
    /// </remarks>
    public async ValueTask<TopicConfig> CreateTopicAsync(TopicConfig config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();
        await GetConnectionAsync(ct).ConfigureAwait(false); // learn the scopes
        return Array.IndexOf([.. Scopes], "admin") < 0 ? config : await _topics.CreateAsync(config, ct).ConfigureAwait(false);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Returns once the gateway confirmed the record durable. The id is chosen here when the request has none, so a
    /// publish resent after a reconnect (or after <c>shutting_down</c>, <c>store_busy</c>, <c>rate_limited</c>) is
    /// stored once.
    /// </remarks>
    /// <exception cref="TimeoutException">No confirmation within <see cref="BusClientOptions.RequestTimeout"/>; retry with the record id the message names.</exception>
    public async ValueTask<EventRecord> PublishAsync(PublishRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        string id = request.Id is null ? UuidV7.NewId() : BusNames.NormalizeId(request.Id);
        _ = PrepareFrame(request, id, 0); // validates before anything is sent: a bad request never reaches the wire
        using CancellationTokenSource timeout = RequestDeadline(ct);
        try
        {
            while (true)
            {
                WireConnection connection = await GetConnectionAsync(timeout.Token).ConfigureAwait(false);
                long corr = NextCorr();
                WireReply reply;
                try
                {
                    reply = await connection.RequestAsync(corr, PrepareFrame(request, id, corr), timeout.Token).ConfigureAwait(false);
                }
                catch (ConnectionLostException)
                {
                    Interlocked.Increment(ref _resentPublishes);
                    continue; // the same id again on the next connection: stored once either way
                }

                if (reply.IsOk)
                {
                    return RecordOf(request, reply.Frame);
                }

                WireError error = reply.Error;
                TimeSpan? retryIn = error.Code switch
                {
                    WireError.ShuttingDown => TimeSpan.FromMilliseconds(50),
                    WireError.StoreBusy => TimeSpan.FromMilliseconds(20),
                    WireError.RateLimited => TimeSpan.FromMilliseconds(Math.Max(1, error.RetryAfterMs ?? 10)),
                    _ => null,
                };
                if (retryIn is null)
                {
                    throw error.ToException($"PUBLISH to '{request.Topic}'");
                }

                await Task.Delay(retryIn.Value, _options.TimeProvider, timeout.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested && !_disposing.IsCancellationRequested)
        {
            throw new TimeoutException(
                $"PUBLISH to '{request.Topic}' got no confirmation within {_options.RequestTimeout} (connected: {IsConnected}); it may or may not be stored: publish again with Id = \"{id}\", which is never stored twice.");
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Over the network a batch is validated as a whole before anything is sent, then pipelined (publishes waiting
    /// together share one server transaction); the records come back in request order, but their offsets need not follow
    /// it, and the batch is not atomic: when the server refuses one record the others may be stored. Each record has its
    /// id before sending, so retrying the whole batch never stores a record twice.
    /// </remarks>
    public async ValueTask<IReadOnlyList<EventRecord>> PublishBatchAsync(IReadOnlyList<PublishRequest> requests, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var withIds = new PublishRequest[requests.Count];
        for (int i = 0; i < requests.Count; i++)
        {
            PublishRequest r = requests[i] ?? throw new ArgumentException($"Request {i} of the batch is null.", nameof(requests));
            withIds[i] = r.Id is null ? r with { Id = UuidV7.NewId() } : r;
            _ = PrepareFrame(withIds[i], BusNames.NormalizeId(withIds[i].Id!), 0);
        }

        var sends = new Task<EventRecord>[withIds.Length];
        for (int i = 0; i < withIds.Length; i++)
        {
            sends[i] = PublishAsync(withIds[i], ct).AsTask();
        }

        return await Task.WhenAll(sends).ConfigureAwait(false);
    }

    /// <summary>Closes the connection: subscriptions leave their groups (their open deliveries go back at once).</summary>
    public async ValueTask DisposeAsync()
    {
        if (_disposing.IsCancellationRequested)
        {
            return;
        }

        foreach (BusClientSubscription sub in _subscriptions.Values)
        {
            await sub.DisposeAsync().ConfigureAwait(false);
        }

        await _disposing.CancelAsync().ConfigureAwait(false);
        lock (_connectionLock)
        {
            _connected.TrySetCanceled();
        }

        if (_supervisor is not null)
        {
            await _supervisor.ConfigureAwait(false);
        }

        _topics.Dispose();
    }

    /// <summary>A token cancelled by <paramref name="ct"/>, by disposal, or after <see cref="BusClientOptions.RequestTimeout"/>.</summary>
    internal CancellationTokenSource RequestDeadline(CancellationToken ct)
    {
        var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct, _disposing.Token);
        deadline.CancelAfter(_options.RequestTimeout);
        return deadline;
    }

    /// <summary>Checks the request like the in-process bus does and writes its PUBLISH frame.</summary>
    /// <exception cref="BusException">Invalid topic, headers or payload.</exception>
    private byte[] PrepareFrame(PublishRequest request, string id, long corr)
    {
        BusNames.ValidateTopic(request.Topic);
        BusNames.ValidateHeaders(request.Headers);
        try
        {
            return ClientFrames.Publish(corr, request, id);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException)
        {
            throw new BusException(BusErrorCode.InvalidPayload, $"The payload of a publish to '{request.Topic}' is not one JSON value: {ex.Message}");
        }
    }

    /// <summary>The stored record: the request plus what the publish OK says (<c>id</c>, <c>partition</c>, <c>offset</c>, <c>ts</c>).</summary>
    private static EventRecord RecordOf(PublishRequest request, JsonElement ok) => new(
        ok.GetProperty("id").GetString()!,
        ok.TryGetProperty("ts", out JsonElement ts) ? ts.GetInt64() : 0,
        request.Topic,
        request.Key,
        ok.GetProperty("partition").GetInt32(),
        ok.GetProperty("offset").GetInt64(),
        request.Headers ?? new Dictionary<string, string>(),
        request.Payload,
        request.Sid,
        request.CausedBy ?? [],
        request.Tags ?? []);
}
