using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// The AsyncAPI 3.0 document of every topic of the assembly, built at compile time as compact JSON. It is the same
/// document the run-time <c>Prom.Topics.AsyncApiExport.ToJson(PromTopics.Descriptors, title, version)</c> writes
/// (tests compare them): one channel per topic, one message per version (payload = the JSON schema, header
/// <c>x-schema-version</c> fixed to the version), a send and a receive operation per topic, Prom settings under
/// <c>x-prom</c>. Versions declared twice are left out (PROM0302 reports them).
/// </summary>
internal static class TopicAsyncApiEmitter
{
    public static string Emit(IReadOnlyList<TopicSummary> topics, string title, string version)
    {
        List<IGrouping<string, TopicSummary>> byTopic = topics
            .GroupBy(t => (t.TopicName, t.Version)).Where(g => g.Count() == 1).Select(g => g.First())
            .OrderBy(t => t.TopicName, StringComparer.Ordinal).ThenBy(t => t.Version)
            .GroupBy(t => t.TopicName, StringComparer.Ordinal)
            .ToList();

        var json = new StringBuilder(1024);
        json.Append("{\"asyncapi\":\"3.0.0\",\"info\":{\"title\":").Append(Json.Quote(title))
            .Append(",\"version\":").Append(Json.Quote(version))
            .Append("},\"defaultContentType\":\"application/json\",\"channels\":{");
        Join(json, byTopic, topic =>
        {
            json.Append(Json.Quote(topic.Key)).Append(":{\"address\":").Append(Json.Quote(topic.Key)).Append(",\"messages\":{");
            Join(json, topic, d => json.Append(Json.Quote(MessageName(d))).Append(":{\"$ref\":").Append(Json.Quote("#/components/messages/" + MessageId(d))).Append('}'));
            json.Append("}}");
        });
        json.Append("},\"operations\":{");
        Join(json, byTopic.SelectMany(t => new[] { (Topic: t, Action: "send"), (Topic: t, Action: "receive") }), op =>
        {
            json.Append(Json.Quote(op.Action + "." + op.Topic.Key)).Append(":{\"action\":").Append(Json.Quote(op.Action))
                .Append(",\"channel\":{\"$ref\":").Append(Json.Quote("#/channels/" + op.Topic.Key)).Append("},\"messages\":[");
            Join(json, op.Topic, d => json.Append("{\"$ref\":").Append(Json.Quote($"#/channels/{op.Topic.Key}/messages/{MessageName(d)}")).Append('}'));
            json.Append("]}");
        });
        json.Append("},\"components\":{\"messages\":{");
        Join(json, byTopic.SelectMany(t => t), d =>
        {
            string v = d.Version.ToString(CultureInfo.InvariantCulture);
            json.Append(Json.Quote(MessageId(d))).Append(":{\"name\":").Append(Json.Quote(d.TypeName))
                .Append(",\"title\":").Append(Json.Quote($"{d.TopicName} v{v}"))
                .Append(",\"contentType\":\"application/json\",\"headers\":{\"type\":\"object\",\"properties\":{\"x-schema-version\":{\"type\":\"string\",\"const\":")
                .Append(Json.Quote(v)).Append("}},\"required\":[\"x-schema-version\"]},\"payload\":").Append(d.JsonSchema)
                .Append(",\"x-prom\":{\"version\":").Append(v)
                .Append(",\"compatibility\":").Append(Json.Quote(d.Compatibility.ToString()))
                .Append(",\"partitions\":").Append(d.Partitions.ToString(CultureInfo.InvariantCulture))
                .Append(",\"retentionDays\":").Append(d.RetentionDays.ToString(CultureInfo.InvariantCulture))
                .Append(",\"compaction\":").Append(d.Compaction ? "true" : "false");
            if (d.KeyMember is { } key) json.Append(",\"keyMember\":").Append(Json.Quote(key));
            json.Append("}}");
        });
        json.Append("}}}");
        return json.ToString();
    }

    private static string MessageId(TopicSummary d) => d.TopicName + ".v" + d.Version.ToString(CultureInfo.InvariantCulture);

    private static string MessageName(TopicSummary d) => "v" + d.Version.ToString(CultureInfo.InvariantCulture);

    private static void Join<T>(StringBuilder json, IEnumerable<T> items, Action<T> write)
    {
        bool first = true;
        foreach (T item in items)
        {
            if (!first) json.Append(',');
            first = false;
            write(item);
        }
    }
}
