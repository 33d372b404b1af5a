using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.IO;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Prom.Bus.Stores;

namespace Prom.Bus;

/// <summary>
/// The bus: publish, subscribe, replay, export, latest-by-key, compaction, retention and DLQ replay over one
/// <see cref="IBusStore"/>. Thread-safe; one instance per store per process.
/// </summary>
public sealed class EventBus : IBusClient, IAsyncDisposable
{
    private static readonly IReadOnlyDictionary<string, string> s_noHeaders = new Dictionary<string, string>();

    private readonly ILogger _logger;
    private readonly ConcurrentDictionary<string, TopicConfig> _topics = new(StringComparer.Ordinal);

    /// <summary>Live subscriptions by topic, woken by publishes of this process.</summary>
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Subscription, byte>> _subscribers = new(StringComparer.Ordinal);

    /// <summary>Round-robin counters for keyless publishes, by topic.</summary>
    private readonly ConcurrentDictionary<string, StrongBox<int>> _roundRobin = new(StringComparer.Ordinal);

    /// <summary>Creates a bus over <paramref name="store"/>.</summary>
    public EventBus(IBusStore store, BusOptions? options = null, ILogger<EventBus>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store;
        Options = options ?? new BusOptions();
        Options.Validate();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (store is IAppendNotifier notifier)
        {
            // Appends of other processes wake this process's subscriptions; polling is then only the fallback.
            notifier.Appended += OnAppended;
            IdlePollInterval = Options.NotifiedPollInterval;
        }
        else
        {
            IdlePollInterval = Options.PollInterval;
        }
    }

    /// <summary>The store.</summary>
    public IBusStore Store { get; }

    /// <summary>Options in effect.</summary>
    public BusOptions Options { get; }

    /// <summary>
    /// How long an idle subscription waits before re-checking the store: <see cref="BusOptions.PollInterval"/>, or
    /// <see cref="BusOptions.NotifiedPollInterval"/> when the store reports appends itself (<see cref="IAppendNotifier"/>).
    /// </summary>
    public TimeSpan IdlePollInterval { get; }

    /// <inheritdoc />
    int IBusClient.DefaultPartitions => Options.DefaultPartitions;

    /// <summary>Creates a topic (or returns the existing one; a different partition count is an error).</summary>
    public async ValueTask<TopicConfig> CreateTopicAsync(TopicConfig config, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(config);
        config.Validate();

        TopicConfig stored = await Store.EnsureTopicAsync(config, ct).ConfigureAwait(false);
        _topics[stored.Name] = stored;
        return stored;
    }

    /// <summary>Publishes one record; returns it with id, partition and offset once the store made it durable.</summary>
    /// <exception cref="BusException">Invalid topic, header, payload or partition.</exception>
    public async ValueTask<EventRecord> PublishAsync(PublishRequest request, CancellationToken ct = default)
    {
        IReadOnlyList<EventRecord> stored = await PublishBatchAsync([request], ct).ConfigureAwait(false);
        return stored[0];
    }

    /// <summary>Publishes records atomically (all or none) in one store transaction.</summary>
    /// <exception cref="BusException">Any request is invalid; nothing is stored then.</exception>
    public async ValueTask<IReadOnlyList<EventRecord>> PublishBatchAsync(IReadOnlyList<PublishRequest> requests, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var pending = new PendingRecord[requests.Count];
        long now = Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        for (int i = 0; i < requests.Count; i++)
        {
            pending[i] = await PrepareAsync(requests[i], now, ct).ConfigureAwait(false);
        }

        IReadOnlyList<EventRecord> stored = await Store.AppendAsync(pending, ct).ConfigureAwait(false);
        // One wake per run of records of one topic, sized by the run: members are woken one per record (MemberWake).
        string? runTopic = null;
        int run = 0;
        foreach (EventRecord r in stored)
        {
            BusMetrics.Published.Add(1, BusMetrics.Topic(r.Topic));
            if (r.Topic != runTopic)
            {
                if (runTopic is not null)
                {
                    WakeTopic(runTopic, run);
                }

                runTopic = r.Topic;
                run = 0;
            }

            run++;
        }

        if (runTopic is not null)
        {
            WakeTopic(runTopic, run);
        }

        return stored;
    }

    /// <summary>
    /// Joins <paramref name="group"/> on <paramref name="topic"/> as a new member. The start position in
    /// <paramref name="options"/> applies only when the group has no committed position.
    /// </summary>
    /// <exception cref="BusException">Invalid topic or group, or an unresolvable start position.</exception>
    public async ValueTask<Subscription> SubscribeAsync(string topic, string group, SubscriptionOptions? options = null, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        BusNames.ValidateGroup(group);
        options ??= new SubscriptionOptions();
        options.Validate();
        TopicConfig config = await GetOrCreateTopicAsync(topic, ct).ConfigureAwait(false);
        Subscription sub = await Subscription.StartAsync(this, config, group, options, _logger, ct).ConfigureAwait(false);
        _subscribers.GetOrAdd(topic, _ => new ConcurrentDictionary<Subscription, byte>())[sub] = 0;
        return sub;
    }

    /// <inheritdoc />
    async ValueTask<IBusSubscription> IBusClient.SubscribeAsync(string topic, string group, SubscriptionOptions? options, CancellationToken ct) =>
        await SubscribeAsync(topic, group, options, ct).ConfigureAwait(false);

    /// <summary>The consumer groups that joined <paramref name="topic"/>, ordinal order.</summary>
    public ValueTask<IReadOnlyList<string>> ListGroupsAsync(string topic, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        return Store.ListGroupsAsync(topic, ct);
    }

    /// <summary>Offset of the last record of each partition of <paramref name="topic"/> (0 for an empty one).</summary>
    /// <exception cref="BusException">The topic does not exist (<see cref="BusErrorCode.UnknownTopic"/>).</exception>
    public ValueTask<IReadOnlyList<long>> GetHeadsAsync(string topic, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        return Store.GetHeadsAsync(topic, ct);
    }

    /// <summary>Watermark and head per partition of a group.</summary>
    /// <exception cref="BusException">The group never joined (<see cref="BusErrorCode.UnknownGroup"/>) or the topic does not exist.</exception>
    public ValueTask<IReadOnlyList<GroupPartitionState>> GetGroupStateAsync(string topic, string group, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        BusNames.ValidateGroup(group);
        return Store.GetGroupStateAsync(topic, group, ct);
    }

    /// <summary>
    /// Reads the log of a topic from <paramref name="from"/> (earliest, offset or timestamp; per partition in offset
    /// order, partition after partition) without touching any consumer group.
    /// </summary>
    public async IAsyncEnumerable<EventRecord> ReplayAsync(string topic, StartPosition from, [EnumeratorCancellation] CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        TopicConfig config = await Store.GetTopicAsync(topic, ct).ConfigureAwait(false)
            ?? throw new BusException(BusErrorCode.UnknownTopic, $"Topic '{topic}' does not exist.");
        if (from.Kind is StartPositionKind.Latest or StartPositionKind.AfterId)
        {
            throw new BusException(BusErrorCode.InvalidStartPosition, $"Replay starts at earliest, an offset or a timestamp, not {from}.");
        }

        const int page = 512;
        for (int p = 0; p < config.Partitions; p++)
        {
            long next = from.Kind == StartPositionKind.Offset ? from.Value : 1;
            while (true)
            {
                IReadOnlyList<EventRecord> batch = await Store.ReadAsync(topic, p, next, page, ct).ConfigureAwait(false);
                foreach (EventRecord r in batch)
                {
                    if (from.Kind != StartPositionKind.Timestamp || r.Ts >= from.Value)
                    {
                        yield return r;
                    }
                }

                if (batch.Count < page)
                {
                    break;
                }

                next = batch[^1].Offset + 1;
            }
        }
    }

    /// <summary>Writes the records of <paramref name="topic"/> from <paramref name="from"/> as NDJSON (one <see cref="RecordJson"/> object per line); returns the count.</summary>
    public async ValueTask<long> ExportNdjsonAsync(string topic, Stream output, StartPosition from, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        long count = 0;
        await using var writer = new Utf8JsonWriter(output);
        await foreach (EventRecord r in ReplayAsync(topic, from, ct).ConfigureAwait(false))
        {
            RecordJson.Write(writer, r);
            await writer.FlushAsync(ct).ConfigureAwait(false);
            writer.Reset();
            output.WriteByte((byte)'\n');
            count++;
        }

        await output.FlushAsync(ct).ConfigureAwait(false);
        return count;
    }

    /// <summary>The latest record per key of a topic (by timestamp, then id).</summary>
    public async ValueTask<IReadOnlyDictionary<string, EventRecord>> LatestByKeyAsync(string topic, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        IReadOnlyList<EventRecord> latest = await Store.LatestByKeyAsync(topic, ct).ConfigureAwait(false);
        var map = new Dictionary<string, EventRecord>(StringComparer.Ordinal);
        foreach (EventRecord r in latest)
        {
            map[r.Key!] = r;
        }

        return map;
    }

    /// <summary>Keeps only the latest record per key in each partition; returns how many records were deleted.</summary>
    public ValueTask<int> CompactAsync(string topic, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        return Store.CompactAsync(topic, ct);
    }

    /// <summary>Deletes records older than the topic's <see cref="TopicConfig.Retention"/>; returns how many (0 without retention).</summary>
    public async ValueTask<int> ApplyRetentionAsync(string topic, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        TopicConfig? config = await Store.GetTopicAsync(topic, ct).ConfigureAwait(false);
        if (config?.Retention is not { } retention)
        {
            return 0;
        }

        long cutoff = Options.TimeProvider.GetUtcNow().ToUnixTimeMilliseconds() - (long)retention.TotalMilliseconds;
        return await Store.DeleteOlderThanAsync(topic, cutoff, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Republishes up to <paramref name="max"/> not-yet-replayed DLQ entries of <paramref name="topic"/> to the
    /// original topic (same key, headers, payload and tags; <c>caused_by</c> = the DLQ record id) for the group the
    /// record failed in only: the copy carries the header <see cref="BusNames.TargetGroupHeader"/> = that group, and
    /// every other group settles it without delivering it. Progress is the consumer group <c>prom-dlq-replay</c> on
    /// <c>dlq.&lt;topic&gt;</c>, so each entry is replayed once (at-least-once across crashes).
    /// </summary>
    public async ValueTask<IReadOnlyList<EventRecord>> ReplayDlqAsync(string topic, int max = 1000, CancellationToken ct = default)
    {
        BusNames.ValidateTopic(topic);
        string dlq = BusNames.DlqTopic(topic);
        var republished = new List<EventRecord>();
        await using Subscription sub = await SubscribeAsync(dlq, "prom-dlq-replay",
            new SubscriptionOptions { From = StartPosition.Earliest, MaxInFlight = Math.Clamp(max, 1, 256) }, ct).ConfigureAwait(false);
        // Done when the replay group has settled every entry that existed at the start. The idle timeout only ends a
        // replay whose remaining entries another replayer holds; it is not what detects the end, so a slow store
        // (a claim that takes longer than a poll) does not end the replay early.
        long head = (await Store.GetGroupStateAsync(dlq, "prom-dlq-replay", ct).ConfigureAwait(false))[0].Head;
        while (republished.Count < max
            && (await Store.GetGroupStateAsync(dlq, "prom-dlq-replay", ct).ConfigureAwait(false))[0].Watermark < head)
        {
            using var idle = CancellationTokenSource.CreateLinkedTokenSource(ct);
            idle.CancelAfter(TimeSpan.FromSeconds(5) + Options.PollInterval * 2);
            Delivery d;
            try
            {
                d = await sub.ReceiveAsync(idle.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                break; // the rest is leased by another replayer
            }

            DeadLetterEntry entry = DeadLetter.Read(d.Record);
            EventRecord o = entry.Original;
            var headers = new Dictionary<string, string>(o.Headers, StringComparer.Ordinal)
            {
                [BusNames.TargetGroupHeader] = entry.Group,
            };
            EventRecord again = await PublishAsync(new PublishRequest(o.Topic, o.Payload)
            {
                Key = o.Key,
                Headers = headers,
                Sid = o.Sid,
                Tags = o.Tags,
                CausedBy = [d.Record.Id],
            }, ct).ConfigureAwait(false);
            await d.AckAsync(ct).ConfigureAwait(false);
            republished.Add(again);
        }

        return republished;
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        if (Store is IAppendNotifier notifier)
        {
            notifier.Appended -= OnAppended;
        }

        foreach (ConcurrentDictionary<Subscription, byte> subs in _subscribers.Values)
        {
            foreach (Subscription s in subs.Keys)
            {
                await s.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>Wakes members of <paramref name="topic"/> for new or returned records (see <see cref="MemberWake"/>).</summary>
    internal void WakeTopic(string topic) => WakeTopic(topic, int.MaxValue);

    /// <summary>A store's report of <paramref name="records"/> records committed to (or given back in) <paramref name="topic"/> (<see cref="IAppendNotifier"/>).</summary>
    private void OnAppended(string topic, int records) => WakeTopic(topic, Math.Max(records, 1));

    /// <summary>Wakes members of <paramref name="topic"/> for <paramref name="records"/> new records, at most one per record and group.</summary>
    internal void WakeTopic(string topic, int records, string? group = null, Subscription? except = null)
    {
        if (_subscribers.TryGetValue(topic, out ConcurrentDictionary<Subscription, byte>? subs))
        {
            MemberWake.Wake(subs.Keys, records, group, except);
        }
    }

    internal void Unregister(Subscription sub)
    {
        if (_subscribers.TryGetValue(sub.Topic, out ConcurrentDictionary<Subscription, byte>? subs))
        {
            subs.TryRemove(sub, out _);
        }
    }

    private async ValueTask<TopicConfig> GetOrCreateTopicAsync(string topic, CancellationToken ct)
    {
        if (_topics.TryGetValue(topic, out TopicConfig? config))
        {
            return config;
        }

        config = await Store.GetTopicAsync(topic, ct).ConfigureAwait(false)
            ?? await Store.EnsureTopicAsync(new TopicConfig(topic, Options.DefaultPartitions), ct).ConfigureAwait(false);
        _topics[topic] = config;
        return config;
    }

    private async ValueTask<PendingRecord> PrepareAsync(PublishRequest request, long now, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        BusNames.ValidateTopic(request.Topic);
        BusNames.ValidateHeaders(request.Headers);
        ValidatePayload(request);
        TopicConfig config = await GetOrCreateTopicAsync(request.Topic, ct).ConfigureAwait(false);
        int partition;
        if (request.Partition is { } explicitPartition)
        {
            if ((uint)explicitPartition >= (uint)config.Partitions)
            {
                throw new BusException(BusErrorCode.InvalidPartition,
                    $"Partition {explicitPartition} does not exist in topic '{request.Topic}' ({config.Partitions} partitions).");
            }

            partition = explicitPartition;
        }
        else if (request.Key is not null)
        {
            partition = JumpHash.Partition(request.Key, config.Partitions);
        }
        else
        {
            StrongBox<int> counter = _roundRobin.GetOrAdd(request.Topic, _ => new StrongBox<int>(-1));
            partition = (int)((uint)Interlocked.Increment(ref counter.Value) % (uint)config.Partitions);
        }

        string id = request.Id is null ? UuidV7.NewId(now) : BusNames.NormalizeId(request.Id);
        return new PendingRecord(id, now, request.Topic, request.Key, partition,
            request.Headers is null ? s_noHeaders : new Dictionary<string, string>(request.Headers, StringComparer.Ordinal),
            request.Payload, request.Sid, request.CausedBy ?? [], request.Tags ?? []);
    }

    private void ValidatePayload(PublishRequest request)
    {
        if (request.Payload.Length > Options.MaxPayloadBytes)
        {
            throw new BusException(BusErrorCode.PayloadTooLarge,
                $"Payload of {request.Payload.Length} bytes for topic '{request.Topic}' exceeds MaxPayloadBytes ({Options.MaxPayloadBytes}).");
        }

        RecordLimits.ValidatePayload(request.Topic, request.Payload.Span);
        RecordLimits.Validate(request);
    }
}
