using System;
using System.Collections.Generic;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Prom.Bus.Gateway.Protocol;

/// <summary>
/// One parsed client frame: a JSON object with <c>op</c>, an optional <c>corr</c> and the op's fields. The accessors
/// turn every missing or mistyped field into a <see cref="GatewayProtocolException"/> that names it, so the handlers
/// read like the field tables of docs/gateway.md. Unknown fields are ignored (a newer client may send more).
/// </summary>
internal sealed class ClientFrame : IDisposable
{
    /// <summary>Longest accepted <c>corr</c> string.</summary>
    public const int MaxCorrLength = 256;

    private static readonly JsonDocumentOptions s_options = new() { MaxDepth = 64 };

    private readonly JsonDocument _document;

    private ClientFrame(JsonDocument document, string op, byte[]? corr)
    {
        _document = document;
        Op = op;
        Corr = corr;
    }

    /// <summary>The op, as sent (ops are upper case; anything else is unknown).</summary>
    public string Op { get; }

    /// <summary>The raw JSON of <c>corr</c> (a string or a number), echoed on the reply; null when absent.</summary>
    public byte[]? Corr { get; }

    private JsonElement Root => _document.RootElement;

    /// <summary>
    /// Parses a text frame. Throws <see cref="GatewayErrorCodes.BadFrame"/> for anything but one JSON object, and
    /// <see cref="GatewayErrorCodes.InvalidField"/>/<see cref="GatewayErrorCodes.UnknownOp"/> for a bad corr or op;
    /// <paramref name="corr"/> carries the corr when it could be read, so even those errors echo it.
    /// </summary>
    public static ClientFrame Parse(ReadOnlyMemory<byte> utf8, out byte[]? corr)
    {
        corr = null;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(utf8, s_options);
        }
        catch (JsonException ex)
        {
            throw new GatewayProtocolException(GatewayErrorCodes.BadFrame, $"The frame is not valid JSON: {ex.Message}");
        }

        try
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new GatewayProtocolException(GatewayErrorCodes.BadFrame, $"A frame is one JSON object, not {Describe(root.ValueKind)}.");
            }

            corr = ReadCorr(root);
            if (!root.TryGetProperty("op", out JsonElement op))
            {
                throw new GatewayProtocolException(GatewayErrorCodes.UnknownOp, "The frame has no 'op'.", "op");
            }

            if (op.ValueKind != JsonValueKind.String)
            {
                throw new GatewayProtocolException(GatewayErrorCodes.UnknownOp, $"'op' must be a string, not {Describe(op.ValueKind)}.", "op");
            }

            return new ClientFrame(document, Text(op, "op"), corr);
        }
        catch
        {
            document.Dispose();
            throw;
        }
    }

    public string RequiredString(string name) =>
        OptionalString(name) ?? throw Missing(name);

    public string? OptionalString(string name) => StringOf(Root, name, name);

    public int? OptionalInt(string name, int min, int max) => IntOf(Root, name, name, min, max);

    public long? OptionalLong(string name, long min, long max) => LongOf(Root, name, name, min, max);

    /// <summary>The raw UTF-8 JSON of a required field of any JSON type (the publish payload).</summary>
    public byte[] RequiredRawValue(string name)
    {
        if (!Root.TryGetProperty(name, out JsonElement value))
        {
            throw Missing(name);
        }

        return JsonMarshal.GetRawUtf8Value(value).ToArray();
    }

    /// <summary>An optional object field; null when absent or JSON null.</summary>
    public JsonElement? OptionalObject(string name) => ObjectOf(Root, name, name);

    /// <summary>An optional object of string values (headers).</summary>
    public Dictionary<string, string>? OptionalStringMap(string name, int maxEntries)
    {
        if (ObjectOf(Root, name, name) is not { } map)
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (JsonProperty p in map.EnumerateObject())
        {
            string key = NameOf(p, name);
            if (p.Value.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"{name}.{key}", $"must be a string, not {Describe(p.Value.ValueKind)}");
            }

            if (result.Count == maxEntries)
            {
                throw Invalid(name, $"has more than {maxEntries} entries");
            }

            result[key] = Text(p.Value, $"{name}.{key}");
        }

        return result;
    }

    /// <summary>An optional array of strings (caused_by, tags).</summary>
    public string[]? OptionalStringArray(string name, int maxItems)
    {
        if (!Root.TryGetProperty(name, out JsonElement array) || array.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (array.ValueKind != JsonValueKind.Array)
        {
            throw Invalid(name, $"must be an array of strings, not {Describe(array.ValueKind)}");
        }

        int count = array.GetArrayLength();
        if (count > maxItems)
        {
            throw Invalid(name, $"has {count} items; at most {maxItems} are allowed");
        }

        var result = new string[count];
        int i = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw Invalid($"{name}[{i}]", $"must be a string, not {Describe(item.ValueKind)}");
            }

            result[i] = Text(item, $"{name}[{i}]");
            i++;
        }

        return result;
    }

    public void Dispose() => _document.Dispose();

    public static string? StringOf(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? Text(value, path) : throw Invalid(path, $"must be a string, not {Describe(value.ValueKind)}");
    }

    /// <summary>
    /// The text of a JSON string. JSON allows escapes of lone UTF-16 surrogates (<c>"\ud800"</c>) that are no text at
    /// all; System.Text.Json refuses to decode them with an InvalidOperationException, which this turns into the
    /// field's error instead of a failed connection.
    /// </summary>
    public static string Text(JsonElement value, string path)
    {
        try
        {
            return value.GetString()!;
        }
        catch (InvalidOperationException)
        {
            throw Invalid(path, "is not valid text (it escapes a lone UTF-16 surrogate)");
        }
    }

    private static string NameOf(JsonProperty p, string path)
    {
        try
        {
            return p.Name;
        }
        catch (InvalidOperationException)
        {
            throw Invalid(path, "has a key that is not valid text (it escapes a lone UTF-16 surrogate)");
        }
    }

    public static bool? BoolOf(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Invalid(path, $"must be true or false, not {Describe(value.ValueKind)}"),
        };
    }

    public static int? IntOf(JsonElement obj, string name, string path, int min, int max) =>
        (int?)LongOf(obj, name, path, min, max);

    public static long? LongOf(JsonElement obj, string name, string path, long min, long max)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out long n))
        {
            throw Invalid(path, value.ValueKind == JsonValueKind.Number
                ? "must be an integer"
                : $"must be an integer, not {Describe(value.ValueKind)}");
        }

        return n < min || n > max ? throw Invalid(path, $"is {n}; it must be between {min} and {max}") : n;
    }

    public static JsonElement? ObjectOf(JsonElement obj, string name, string path)
    {
        if (!obj.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.Object ? value : throw Invalid(path, $"must be an object, not {Describe(value.ValueKind)}");
    }

    public static GatewayProtocolException Missing(string path) =>
        new(GatewayErrorCodes.MissingField, $"The field '{path}' is required.", path);

    public static GatewayProtocolException Invalid(string path, string problem) =>
        new(GatewayErrorCodes.InvalidField, $"The field '{path}' {problem}.", path);

    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    private static byte[]? ReadCorr(JsonElement root)
    {
        if (!root.TryGetProperty("corr", out JsonElement corr) || corr.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (corr.ValueKind == JsonValueKind.String && Text(corr, "corr").Length <= MaxCorrLength)
        {
            return JsonMarshal.GetRawUtf8Value(corr).ToArray();
        }

        if (corr.ValueKind == JsonValueKind.Number && corr.TryGetInt64(out _))
        {
            return JsonMarshal.GetRawUtf8Value(corr).ToArray();
        }

        throw Invalid("corr", $"must be a string of at most {MaxCorrLength} characters or an integer");
    }
}
