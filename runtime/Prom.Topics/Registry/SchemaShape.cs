using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Prom.Topics.Registry;

/// <summary>
/// What compatibility checks need from a generated payload schema: each property's JSON types (<c>null</c> included
/// when nullable) and the required properties.
/// </summary>
internal sealed class SchemaShape
{
    private SchemaShape(Dictionary<string, HashSet<string>> properties, HashSet<string> required)
    {
        Properties = properties;
        Required = required;
    }

    /// <summary>Property name → JSON types.</summary>
    public Dictionary<string, HashSet<string>> Properties { get; }

    /// <summary>Required property names.</summary>
    public HashSet<string> Required { get; }

    /// <summary>Reads an object schema as the generator writes it.</summary>
    /// <exception cref="TopicSchemaException">The text is not a JSON object schema with <c>properties</c>.</exception>
    public static SchemaShape Parse(TopicDescriptor descriptor)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(descriptor.JsonSchema);
            JsonElement root = document.RootElement;
            var properties = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            foreach (JsonProperty property in root.GetProperty("properties").EnumerateObject())
            {
                var types = new HashSet<string>(StringComparer.Ordinal);
                JsonElement type = property.Value.GetProperty("type");
                if (type.ValueKind == JsonValueKind.Array)
                {
                    foreach (JsonElement t in type.EnumerateArray()) types.Add(t.GetString()!);
                }
                else
                {
                    types.Add(type.GetString()!);
                }
                properties[property.Name] = types;
            }
            var required = new HashSet<string>(StringComparer.Ordinal);
            if (root.TryGetProperty("required", out JsonElement list))
            {
                foreach (JsonElement name in list.EnumerateArray()) required.Add(name.GetString()!);
            }
            return new SchemaShape(properties, required);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TopicSchemaException($"The schema of topic '{descriptor.Name}' version {descriptor.Version} is not an object schema with properties: {exception.Message}");
        }
    }
}
