using System.Collections.Generic;
using System.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace Prom.Bus;

/// <summary>
/// Size limits of the text fields of a record and the payload's encoding rule, checked at publish so a record the
/// stores accepted can always be read back (and a key or tag cannot grow an index without bound). Payload size has its
/// own setting, <see cref="BusOptions.MaxPayloadBytes"/>.
/// </summary>
public static class RecordLimits
{
    /// <summary>Longest key, in UTF-16 code units.</summary>
    public const int MaxKeyLength = 1024;

    /// <summary>Most headers of one record.</summary>
    public const int MaxHeaders = 64;

    /// <summary>Longest header value, in UTF-16 code units.</summary>
    public const int MaxHeaderValueLength = 8192;

    /// <summary>Most tags, and most caused-by ids, of one record.</summary>
    public const int MaxListItems = 64;

    /// <summary>Longest tag, caused-by id or session id, in UTF-16 code units.</summary>
    public const int MaxItemLength = 256;

    /// <summary>Throws <see cref="BusErrorCode.FieldTooLarge"/> naming the field when a key, header, tag, cause or sid is over its limit.</summary>
    public static void Validate(PublishRequest request)
    {
        System.ArgumentNullException.ThrowIfNull(request);
        Check(request.Topic, "key", request.Key, MaxKeyLength);
        Check(request.Topic, "sid", request.Sid, MaxItemLength);
        if (request.Headers is { } headers)
        {
            if (headers.Count > MaxHeaders)
            {
                throw TooLarge(request.Topic, $"{headers.Count} headers (at most {MaxHeaders})");
            }

            foreach (KeyValuePair<string, string> h in headers)
            {
                Check(request.Topic, $"header '{h.Key}'", h.Value, MaxHeaderValueLength);
            }
        }

        CheckList(request.Topic, "tags", request.Tags);
        CheckList(request.Topic, "causedBy", request.CausedBy);
    }

    /// <summary>
    /// Throws <see cref="BusErrorCode.InvalidPayload"/> unless <paramref name="payload"/> is one JSON value in valid
    /// UTF-8 whose strings decode to valid UTF-16 (an escaped unpaired surrogate such as <c>"\ud800"</c> is refused:
    /// no reader could turn it into text).
    /// </summary>
    public static void ValidatePayload(string topic, System.ReadOnlySpan<byte> payload)
    {
        if (!Utf8.IsValid(payload))
        {
            throw new BusException(BusErrorCode.InvalidPayload, $"Payload for topic '{topic}' is not valid UTF-8.");
        }

        try
        {
            // The default reader accepts exactly one JSON value: data after it throws a JsonException on Read.
            var reader = new Utf8JsonReader(payload);
            bool any = false;
            while (reader.Read())
            {
                any = true;
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && reader.ValueIsEscaped)
                {
                    _ = reader.GetString(); // throws InvalidOperationException on an escaped unpaired surrogate
                }
            }

            if (!any)
            {
                throw new JsonException("empty payload");
            }
        }
        catch (JsonException ex)
        {
            throw new BusException(BusErrorCode.InvalidPayload, $"Payload for topic '{topic}' is not valid UTF-8 JSON: {ex.Message}");
        }
        catch (System.InvalidOperationException ex)
        {
            throw new BusException(BusErrorCode.InvalidPayload, $"Payload for topic '{topic}' holds a string that is not valid Unicode: {ex.Message}");
        }
    }

    private static void Check(string topic, string field, string? value, int max)
    {
        if (value is not null && value.Length > max)
        {
            throw TooLarge(topic, $"{field} of {value.Length} characters (at most {max})");
        }
    }

    private static void CheckList(string topic, string field, IReadOnlyList<string>? values)
    {
        if (values is null)
        {
            return;
        }

        if (values.Count > MaxListItems)
        {
            throw TooLarge(topic, $"{values.Count} {field} (at most {MaxListItems})");
        }

        foreach (string v in values)
        {
            Check(topic, $"an item of {field}", v, MaxItemLength);
        }
    }

    private static BusException TooLarge(string topic, string what) =>
        new(BusErrorCode.FieldTooLarge, $"Record for topic '{topic}' has {what}.");
}
