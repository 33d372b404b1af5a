using System;
using System.Buffers;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text;
using System.Text.Json;

namespace Prom.Topics;

/// <summary>
/// Writes an AsyncAPI 3.0 document describing topics: one channel per topic (its address is the topic name), one
/// message per version (payload = the generated JSON schema, header <c>x-schema-version</c> fixed to the version), and
/// a send and a receive operation per topic. One line for a whole assembly:
/// <c>AsyncApiExport.ToJson(Prom.Generated.PromTopics.Descriptors, "ops", "1.0.0")</c>.
/// </summary>
public static class AsyncApiExport
{
    /// <summary>The document as indented JSON text.</summary>
    /// <exception cref="ArgumentException">No title or version, or two descriptors for one topic and version.</exception>
    public static string ToJson(IEnumerable<TopicDescriptor> topics, string title, string version)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            Write(writer, topics, title, version);
        }
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    /// <summary>Writes the document to <paramref name="writer"/>; topics and versions appear in ordinal order.</summary>
    /// <exception cref="ArgumentException">No title or version, or two descriptors for one topic and version.</exception>
    public static void Write(Utf8JsonWriter writer, IEnumerable<TopicDescriptor> topics, string title, string version)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(topics);
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        List<IGrouping<string, TopicDescriptor>> byTopic = topics
            .OrderBy(t => t.Name, StringComparer.Ordinal).ThenBy(t => t.Version)
            .GroupBy(t => t.Name, StringComparer.Ordinal).ToList();
        foreach (IGrouping<string, TopicDescriptor> topic in byTopic)
        {
            IGrouping<int, TopicDescriptor>? twice = topic.GroupBy(t => t.Version).FirstOrDefault(g => g.Count() > 1);
            if (twice is not null)
            {
                throw new ArgumentException($"Topic '{topic.Key}' version {twice.Key} is described twice ({string.Join(", ", twice.Select(t => t.PayloadType.Name))}).", nameof(topics));
            }
        }

        writer.WriteStartObject();
        writer.WriteString("asyncapi", "3.0.0");
        writer.WriteStartObject("info");
        writer.WriteString("title", title);
        writer.WriteString("version", version);
        writer.WriteEndObject();
        writer.WriteString("defaultContentType", TopicHeaders.JsonContentType);

        writer.WriteStartObject("channels");
        foreach (IGrouping<string, TopicDescriptor> topic in byTopic)
        {
            writer.WriteStartObject(topic.Key);
            writer.WriteString("address", topic.Key);
            writer.WriteStartObject("messages");
            foreach (TopicDescriptor d in topic)
            {
                writer.WriteStartObject(MessageName(d));
                writer.WriteString("$ref", "#/components/messages/" + MessageId(d));
                writer.WriteEndObject();
            }
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();

        writer.WriteStartObject("operations");
        foreach (IGrouping<string, TopicDescriptor> topic in byTopic)
        {
            WriteOperation(writer, topic, "send");
            WriteOperation(writer, topic, "receive");
        }
        writer.WriteEndObject();

        writer.WriteStartObject("components");
        writer.WriteStartObject("messages");
        foreach (TopicDescriptor d in byTopic.SelectMany(g => g))
        {
            writer.WriteStartObject(MessageId(d));
            writer.WriteString("name", d.PayloadType.Name);
            writer.WriteString("title", $"{d.Name} v{d.Version.ToString(CultureInfo.InvariantCulture)}");
            writer.WriteString("contentType", TopicHeaders.JsonContentType);
            writer.WriteStartObject("headers");
            writer.WriteString("type", "object");
            writer.WriteStartObject("properties");
            writer.WriteStartObject(TopicHeaders.SchemaVersion);
            writer.WriteString("type", "string");
            writer.WriteString("const", d.Version.ToString(CultureInfo.InvariantCulture));
            writer.WriteEndObject();
            writer.WriteEndObject();
            writer.WriteStartArray("required");
            writer.WriteStringValue(TopicHeaders.SchemaVersion);
            writer.WriteEndArray();
            writer.WriteEndObject();
            writer.WritePropertyName("payload");
            writer.WriteRawValue(d.JsonSchema, skipInputValidation: false);
            writer.WriteStartObject("x-prom");
            writer.WriteNumber("version", d.Version);
            writer.WriteString("compatibility", d.Compatibility.ToString());
            writer.WriteNumber("partitions", d.Partitions);
            writer.WriteNumber("retentionDays", d.RetentionDays);
            writer.WriteBoolean("compaction", d.Compaction);
            if (d.KeyMember is { } key) writer.WriteString("keyMember", key);
            writer.WriteEndObject();
            writer.WriteEndObject();
        }
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    /// <summary>Component id of one topic version, e.g. <c>heartbeat.received.v1</c> (AsyncAPI keys allow dots).</summary>
    private static string MessageId(TopicDescriptor d) => d.Name + ".v" + d.Version.ToString(CultureInfo.InvariantCulture);

    /// <summary>The message's key inside its channel, e.g. <c>v1</c>.</summary>
    private static string MessageName(TopicDescriptor d) => "v" + d.Version.ToString(CultureInfo.InvariantCulture);

    private static void WriteOperation(Utf8JsonWriter writer, IGrouping<string, TopicDescriptor> topic, string action)
    {
        writer.WriteStartObject(action + "." + topic.Key);
        writer.WriteString("action", action);
        writer.WriteStartObject("channel");
        writer.WriteString("$ref", "#/channels/" + topic.Key);
        writer.WriteEndObject();
        writer.WriteStartArray("messages");
        foreach (TopicDescriptor d in topic)
        {
            writer.WriteStartObject();
            writer.WriteString("$ref", $"#/channels/{topic.Key}/messages/{MessageName(d)}");
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
    }
}
