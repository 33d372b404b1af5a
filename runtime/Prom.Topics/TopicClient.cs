using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;

namespace Prom.Topics;

/// <summary>
/// The typed client of one [Topic] payload type over an <see cref="EventBus"/>: publish validates and serializes with
/// the generated codec and stamps <c>x-schema-version</c>; subscribe hands out deserialized payloads with their
/// delivery (ack, nack, modack). Thread-safe; create one per topic version (the generated DI registration does).
/// </summary>
/// <typeparam name="T">The payload type.</typeparam>
public sealed class TopicClient<T> : Prom.Bus.Hosting.IBusPayloadReader<T>
{
    private readonly string _version;

    /// <summary>The topic settings once the topic exists in the store (created on first use).</summary>
    private TopicConfig? _topic;

    /// <summary>Creates a client; generated code calls this as <c>&lt;Type&gt;Topic.CreateClient(bus)</c>.</summary>
    public TopicClient(EventBus bus, ITopicCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(bus);
        ArgumentNullException.ThrowIfNull(codec);
        Bus = bus;
        Codec = codec;
        _version = codec.Descriptor.Version.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The bus.</summary>
    public EventBus Bus { get; }

    /// <summary>The generated codec.</summary>
    public ITopicCodec<T> Codec { get; }

    /// <summary>The topic version this client publishes and reads.</summary>
    public TopicDescriptor Descriptor => Codec.Descriptor;

    /// <summary>Creates the topic with the declared partitions, retention and compaction unless it exists.</summary>
    /// <exception cref="BusException">The topic exists with another partition count.</exception>
    public async ValueTask<TopicConfig> EnsureTopicAsync(CancellationToken ct = default)
    {
        if (Volatile.Read(ref _topic) is { } known) return known;
        // Two racing first calls both ask the store, which returns the one existing topic: no lock needed.
        TopicConfig created = await Bus.CreateTopicAsync(Descriptor.ToTopicConfig(Bus.Options.DefaultPartitions), ct).ConfigureAwait(false);
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
    /// <exception cref="BusException">A header key breaks the header rule, or the store refused the record.</exception>
    public async ValueTask<EventRecord> PublishAsync(T payload, string? key = null, IReadOnlyDictionary<string, string>? headers = null, CancellationToken ct = default)
    {
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
        Subscription subscription = await Bus.SubscribeAsync(Descriptor.Name, group, options, ct).ConfigureAwait(false);
        return new TopicSubscription<T>(this, subscription);
    }

    /// <summary>
    /// Reads the payload of <paramref name="record"/>: its <c>x-schema-version</c> (absent means this version) must
    /// be this client's version, and the JSON must match the schema.
    /// </summary>
    /// <exception cref="TopicPayloadException">Another schema version, or a payload that breaks the schema.</exception>
    public T Decode(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        int version = SchemaVersionOf(record);
        if (version != Descriptor.Version)
        {
            throw new TopicPayloadException(Descriptor.Name, typeof(T).Name, null, null,
                $"cannot read record {record.Id}: it has schema version {version}, this consumer reads version {Descriptor.Version} and has no upcaster");
        }
        return TopicJson.Deserialize(Codec, record.Payload.Span);
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
