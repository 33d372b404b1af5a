using System;
using System.Collections.Generic;
using System.Text.Json;

namespace Prom.Topics.Registry;

/// <summary>
/// What compatibility checks need from a generated payload schema: each property's JSON types (<c>null</c> included
/// when nullable), the names an enum property may hold, and the required properties.
/// </summary>
internal sealed class SchemaShape
{
    private SchemaShape(Dictionary<string, HashSet<string>> properties, Dictionary<string, List<string>> enums, HashSet<string> required)
    {
        Properties = properties;
        Enums = enums;
        Required = required;
    }

    /// <summary>
    /// Property path → JSON types. Nested object properties are flattened into dotted paths (<c>leader.name</c>); an
    /// array's items are <c>&lt;path&gt;[]</c>, and the properties of object items <c>items[].id</c>.
    /// </summary>
    public Dictionary<string, HashSet<string>> Properties { get; }

    /// <summary>Property path (as in <see cref="Properties"/>) → the string values its <c>enum</c> allows, for enum properties.</summary>
    public Dictionary<string, List<string>> Enums { get; }

    /// <summary>Required property paths (a nested path is required within its parent object).</summary>
    public HashSet<string> Required { get; }

    /// <summary>Reads an object schema as the generator writes it.</summary>
    /// <exception cref="TopicSchemaException">The text is not a JSON object schema with <c>properties</c>.</exception>
    public static SchemaShape Parse(TopicDescriptor descriptor)
    {
        try
        {
            using JsonDocument document = JsonDocument.Parse(descriptor.JsonSchema);
            var properties = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
            var enums = new Dictionary<string, List<string>>(StringComparer.Ordinal);
            var required = new HashSet<string>(StringComparer.Ordinal);
            Walk(document.RootElement, "", properties, enums, required);
            return new SchemaShape(properties, enums, required);
        }
        catch (Exception exception) when (exception is JsonException or KeyNotFoundException or InvalidOperationException)
        {
            throw new TopicSchemaException($"The schema of topic '{descriptor.Name}' version {descriptor.Version} is not an object schema with properties: {exception.Message}");
        }
    }

    /// <summary>The parent path of a property path: "" for a top-level property, <c>leader</c> for <c>leader.name</c>.</summary>
    public static string ParentOf(string path)
    {
        int dot = path.LastIndexOf('.');
        return dot < 0 ? "" : path.Substring(0, dot);
    }

    private static void Walk(JsonElement schema, string prefix, Dictionary<string, HashSet<string>> properties, Dictionary<string, List<string>> enums, HashSet<string> required)
    {
        foreach (JsonProperty property in schema.GetProperty("properties").EnumerateObject())
        {
            string path = prefix + property.Name;
            Add(property.Value, path, properties, enums);
            Nested(property.Value, path, properties, enums, required);
        }
        if (schema.TryGetProperty("required", out JsonElement list))
        {
            foreach (JsonElement name in list.EnumerateArray()) required.Add(prefix + name.GetString()!);
        }
    }

    private static void Nested(JsonElement schema, string path, Dictionary<string, HashSet<string>> properties, Dictionary<string, List<string>> enums, HashSet<string> required)
    {
        if (schema.TryGetProperty("properties", out _)) Walk(schema, path + ".", properties, enums, required);
        if (schema.TryGetProperty("items", out JsonElement items))
        {
            Add(items, path + "[]", properties, enums);
            Nested(items, path + "[]", properties, enums, required);
        }
    }

    private static void Add(JsonElement schema, string path, Dictionary<string, HashSet<string>> properties, Dictionary<string, List<string>> enums)
    {
        properties[path] = TypesOf(schema);
        if (!schema.TryGetProperty("enum", out JsonElement values)) return;
        var names = new List<string>();
        foreach (JsonElement value in values.EnumerateArray())
        {
            if (value.ValueKind == JsonValueKind.String) names.Add(value.GetString()!);
        }
        enums[path] = names;
    }

    private static HashSet<string> TypesOf(JsonElement schema)
    {
        var types = new HashSet<string>(StringComparer.Ordinal);
        JsonElement type = schema.GetProperty("type");
        if (type.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement t in type.EnumerateArray()) types.Add(t.GetString()!);
        }
        else
        {
            types.Add(type.GetString()!);
        }
        return types;
    }
}
