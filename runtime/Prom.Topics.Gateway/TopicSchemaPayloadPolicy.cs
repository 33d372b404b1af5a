using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bus;
using Prom.Bus.Gateway.Policy;
using Prom.Bus.Gateway.Security;
using Prom.Topics.Registry;

namespace Prom.Topics.Gateway;

/// <summary>
/// The gateway's payload policy for <c>[Topic]</c> topics (docs/clients.md, "Schema evolution on the server"):
/// <list type="bullet">
/// <item><b>Publish</b> to a declared topic must say its version in <c>x-schema-version</c>, the version must be
/// registered, and the payload must read and validate with that version's generated codec — the same code a C#
/// consumer runs, so what is accepted here is exactly what C# can read. A refusal names the field
/// (<c>payload.&lt;json name&gt;</c> or <c>headers.x-schema-version</c>) and nothing is stored. Topics no
/// <c>[Topic]</c> declares pass unchecked (the gateway also carries ad-hoc topics).</item>
/// <item><b>Delivery</b> to a subscription that asked for version N: a record written as another version is read with
/// the generated chain (<c>[Upcaster]</c>s, compatible hops) and re-written as N, with <c>x-schema-version: N</c>
/// and <c>x-upcasted-from: &lt;written&gt;</c>; a record of version N stored before enums went on the wire by name
/// is re-written with the names. A record N cannot read throws, which the gateway turns into a nack
/// with the reason (so it reaches the DLQ after its attempts, like a C# consumer's unreadable record).</item>
/// </list>
/// </summary>
public sealed class TopicSchemaPayloadPolicy : IGatewayPayloadPolicy
{
    /// <summary>The JSON path prefix of payload fields in <see cref="PayloadRejection.Field"/>.</summary>
    public const string PayloadField = "payload";

    /// <summary>The field named when the version header is missing or wrong.</summary>
    public const string VersionField = "headers." + TopicHeaders.SchemaVersion;

    private readonly Dictionary<string, Dictionary<int, ITopicPayloadCodec>> _codecs;

    /// <summary>A policy over the codecs of every declared topic version; each must be registered in <paramref name="registry"/>.</summary>
    /// <exception cref="TopicSchemaException">A codec's version is not registered (the registry is the source of truth).</exception>
    public TopicSchemaPayloadPolicy(IEnumerable<ITopicPayloadCodec> codecs, TopicSchemaRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(codecs);
        ArgumentNullException.ThrowIfNull(registry);
        _codecs = new Dictionary<string, Dictionary<int, ITopicPayloadCodec>>(StringComparer.Ordinal);
        foreach (ITopicPayloadCodec codec in codecs)
        {
            registry.Require(codec.Descriptor);
            if (!_codecs.TryGetValue(codec.Descriptor.Name, out Dictionary<int, ITopicPayloadCodec>? versions))
            {
                _codecs[codec.Descriptor.Name] = versions = new Dictionary<int, ITopicPayloadCodec>();
            }
            versions[codec.Descriptor.Version] = codec;
        }
    }

    /// <inheritdoc/>
    public ValueTask<PayloadRejection?> CheckPublishAsync(PublishRequest request, GatewayPrincipal principal, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!_codecs.TryGetValue(request.Topic, out Dictionary<int, ITopicPayloadCodec>? versions)) return ValueTask.FromResult<PayloadRejection?>(null);

        string known = string.Join(", ", versions.Keys.Order());
        if (request.Headers is null || !request.Headers.TryGetValue(TopicHeaders.SchemaVersion, out string? header))
        {
            return Reject(VersionField, $"Topic '{request.Topic}' is a [Topic] topic: a publish must name its schema version in the '{TopicHeaders.SchemaVersion}' header (this server knows versions {known}).");
        }
        if (!int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out int version) || !versions.TryGetValue(version, out ITopicPayloadCodec? codec))
        {
            return Reject(VersionField, $"Topic '{request.Topic}' has no schema version '{header}' on this server (it knows versions {known}); regenerate the client or publish a known version.");
        }

        try
        {
            codec.Check(request.Payload.Span);
            return ValueTask.FromResult<PayloadRejection?>(null);
        }
        catch (TopicPayloadException ex)
        {
            return Reject(ex.JsonName is { } json ? $"{PayloadField}.{json}" : PayloadField, ex.Message);
        }
    }

    /// <inheritdoc/>
    public ValueTask<EventRecord> ShapeDeliveryAsync(EventRecord record, string group, int version, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(record);
        if (!_codecs.TryGetValue(record.Topic, out Dictionary<int, ITopicPayloadCodec>? versions)) return ValueTask.FromResult(record);
        if (!versions.TryGetValue(version, out ITopicPayloadCodec? reader))
        {
            throw new TopicPayloadException(record.Topic, "?", null, null,
                $"has no version {version} on this server (a subscription of group '{group}' asked for it; known: {string.Join(", ", versions.Keys.Order())})");
        }

        // A record without the header was written by a plain client: read it as the version the consumer asked for,
        // as the C# TopicClient reads header-less records as its own version.
        int written = record.Headers.TryGetValue(TopicHeaders.SchemaVersion, out string? header)
                      && int.TryParse(header, NumberStyles.None, CultureInfo.InvariantCulture, out int w) ? w : version;
        if (written == version)
        {
            // A record stored before enums went on the wire by name: the client's types say names, so deliver names.
            return ValueTask.FromResult(reader.WithEnumNames(record.Payload.Span) is { } named ? WithPayload(record, named, record.Headers) : record);
        }

        byte[] payload = reader.Upcast(written, record.Payload.Span);
        var headers = new Dictionary<string, string>(record.Headers, StringComparer.Ordinal)
        {
            [TopicHeaders.SchemaVersion] = version.ToString(CultureInfo.InvariantCulture),
            [TopicDelivery<object>.UpcastFromHeader] = written.ToString(CultureInfo.InvariantCulture),
        };
        return ValueTask.FromResult(WithPayload(record, payload, headers));
    }

    private static EventRecord WithPayload(EventRecord record, byte[] payload, IReadOnlyDictionary<string, string> headers) =>
        new(record.Id, record.Ts, record.Topic, record.Key, record.Partition, record.Offset, headers, payload, record.Sid, record.CausedBy, record.Tags);

    private static ValueTask<PayloadRejection?> Reject(string field, string message) => ValueTask.FromResult<PayloadRejection?>(new PayloadRejection(field, message));
}
