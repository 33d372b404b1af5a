using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Topics.Registry;

namespace Prom.Topics;

/// <summary>
/// The typed client of one [Topic] payload type over an <see cref="IBusClient"/> (the in-process <see cref="EventBus"/>
/// or the network client): publish validates and serializes with
/// the generated codec, checks the version against the schema registry (when given) and stamps <c>x-schema-version</c>;
/// subscribe hands out deserialized payloads with their delivery (ack, nack, modack), records of older versions upcast
/// through the generated chain. Thread-safe; create one per topic version (the generated DI registration does).
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class TopicClient<T> : Prom.Bus.Hosting.IBusPayloadReader<T>
{
    private readonly string _version;

    /// <summary>The schema registry publishes are checked against, or null (no check).</summary>
    private readonly TopicSchemaRegistry? _registry;

    /// <summary>Set once the registry confirmed this version: registries only grow, so one check is enough.</summary>
    private volatile bool _registered;

    /// <summary>The topic settings once the topic exists in the store (created on first use).</summary>
    private TopicConfig? _topic;

    /// <summary>Creates a client; generated code calls this as <c>&lt;Type&gt;Topic.CreateClient(bus)</c>.</summary>
    /// <param name="bus">The bus: the in-process <see cref="EventBus"/> or the network client.</param>
    /// <param name="codec">The generated codec of <typeparamref name="T"/>.</param>
    /// <param name="registry">
    /// When given, the first publish throws <see cref="TopicSchemaException"/> unless this version is registered there
    /// with the same schema (the DI registration passes the registry it fills at startup).
    /// </param>
    public TopicClient(IBusClient bus, ITopicCodec<T> codec, TopicSchemaRegistry? registry = null)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(codec);
        Bus = bus;
        Codec = codec;
        _registry = registry;
        _version = codec.Descriptor.Version.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The bus.</summary>
    public IBusClient Bus { get; }

    /// <summary>The generated codec.</summary>
    public ITopicCodec<T> Codec { get; }

    /// <summary>The topic version this client publishes and reads.</summary>
    public TopicDescriptor Descriptor => Codec.Descriptor;

    /// <summary>The schema versions this client reads: its own, older ones its upcaster chain reaches, forward-compatible newer ones.</summary>
    public IReadOnlyList<int> ReadableVersions => Codec.ReadableVersions;

    /// <summary>The schema registry publishes are checked against, or null.</summary>
    public TopicSchemaRegistry? Registry => _registry;

    /// <summary>Creates the topic with the declared partitions, retention and compaction unless it exists.</summary>
    /// <exception cref="BusException">The topic exists with another partition count.</exception>
    public async ValueTask<TopicConfig> EnsureTopicAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _topic) is { } known) return known;
        // Two racing first calls both ask the store, which returns the one existing topic: no lock needed.
        TopicConfig created = await Bus.CreateTopicAsync(Descriptor.ToTopicConfig(Bus.DefaultPartitions), ct).ConfigureAwait(false);
        Volatile.Write(ref _topic, created);
        return created;
    }

    /// <summary>
    /// Validates and publishes <paramref name="payload"/>; returns the stored record once it is durable.
    /// <paramref name="key"/> defaults to the declared key member's value. <paramref name="headers"/> are copied;
    /// <c>x-schema-version</c> is set to this version and <c>content-type</c> defaults to <c>application/json</c>.
    /// </summary>
    /// <exception cref="TopicPayloadException">The payload breaks its schema; the exception names the member.</exception>
    /// <exception cref="ArgumentException"><paramref name="headers"/> carries another <c>x-schema-version</c>.</exception>
    /// <exception cref="TopicSchemaException">A registry was given and this version is not registered there with this schema.</exception>
    /// <exception cref="BusException">A header key breaks the header rule, or the store refused the record.</exception>
    public async ValueTask<EventRecord> PublishAsync(T payload, string? key = null, IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
        if (_registry is not null && !_registered)
        {
            _registry.Require(Descriptor);
            _registered = true;
        }
        byte[] json = TopicJson.Serialize(Codec, payload);
        var merged = new Dictionary<string, string>((headers?.Count ?? 0) + 2, StringComparer.Ordinal);
        if (headers is not null)
        {
            foreach (KeyValuePair<string, string> pair in headers) merged[pair.Key] = pair.Value;
        }
        if (merged.TryGetValue(TopicHeaders.SchemaVersion, out string? given) && given != _version)
        {
            throw new ArgumentException(
                $"Header '{TopicHeaders.SchemaVersion}' is '{given}', but '{typeof(T).Name}' is version {_version} of topic '{Descriptor.Name}'; leave the header out.",
                nameof(headers));
        }
        merged[TopicHeaders.SchemaVersion] = _version;
        merged.TryAdd(TopicHeaders.ContentType, TopicHeaders.JsonContentType);

        await EnsureTopicAsync(ct).ConfigureAwait(false);
        return await Bus.PublishAsync(new PublishRequest(Descriptor.Name, json)
        {
            Key = key ?? Codec.KeyOf(payload),
            Headers = merged,
        }, ct).ConfigureAwait(false);
    }

    /// <summary>Joins <paramref name="group"/> on the topic; receive typed deliveries from the result.</summary>
    public async ValueTask<TopicSubscription<T>> SubscribeAsync(string group, SubscriptionOptions? options = null, CancellationToken ct = default)
    {
        await EnsureTopicAsync(ct).ConfigureAwait(false);
        IBusSubscription subscription = await Bus.SubscribeAsync(Descriptor.Name, group, options, ct).ConfigureAwait(false);
        return new TopicSubscription<T>(this, subscription);
    }

    /// <summary>
    /// Reads the payload of <paramref name="record"/> as this version. The record's <c>x-schema-version</c> (absent
    /// means this version) picks the codec: this version's, or an older version's followed by the generated upcaster
    /// chain, or a forward-compatible newer version read directly. The result is validated.
    /// </summary>
    /// <exception cref="TopicPayloadException">
    /// A version this client cannot read, a payload that breaks its version's schema, or an upcaster that produced an
    /// invalid payload; the message names the record, the versions and the member.
    /// </exception>
    public T Decode(EventRecord record) => Decode(record, out _);

    /// <summary>As <see cref="Decode(EventRecord)"/>, also returning the version the record was written with.</summary>
    public T Decode(EventRecord record, out int writtenVersion)
    {
        ArgumentNullException.ThrowIfNull(record);
        int version = writtenVersion = SchemaVersionOf(record);
        if (version == Descriptor.Version) return TopicJson.Deserialize(Codec, record.Payload.Span);
        if (!Contains(Codec.ReadableVersions, version))
        {
            throw new TopicPayloadException(Descriptor.Name, typeof(T).Name, null, null,
                $"cannot read record {record.Id}: it has schema version {version}, this consumer reads version {Descriptor.Version} and has no upcaster from it " +
                $"(readable versions: {string.Join(", ", Codec.ReadableVersions)})");
        }
        T value = Codec.ReadVersion(version, record.Payload.Span);
        // An upcaster is user code: check its result like a publish would, so a handler never sees an invalid payload.
        Codec.Validate(value);
        return value;
    }

    private static bool Contains(IReadOnlyList<int> versions, int version)
    {
        for (int i = 0; i < versions.Count; i++)
        {
            if (versions[i] == version) return true;
        }
        return false;
    }

    /// <summary>Hosted consumers of <typeparamref name="T"/> read payloads with the generated codec through this.</summary>
    T Prom.Bus.Hosting.IBusPayloadReader<T>.Read(EventRecord record) => Decode(record);

    /// <summary>The record's <c>x-schema-version</c>, or this client's version when the header is absent.</summary>
    /// <exception cref="TopicPayloadException">The header is not a positive integer.</exception>
    public int SchemaVersionOf(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!record.Headers.TryGetValue(TopicHeaders.SchemaVersion, out string? text)) return Descriptor.Version;
        if (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int version) && version > 0) return version;
        throw new TopicPayloadException(Descriptor.Name, typeof(T).Name, null, null,
            $"cannot read record {record.Id}: its header '{TopicHeaders.SchemaVersion}' is '{text}', not a positive integer");
    }
}
