using System;
using System.Text.Json;

namespace Prom.Bridge.Protocol;

/// <summary>
/// The top level of a message from Python: <c>{"id", "ok", "v", "error", "n"}</c> (or the <c>hello</c>). The
/// value is located, not decoded: it is decoded after the binary parts it refers to have been read.
/// </summary>
internal struct ResponseHeader
{
    public long Id;
    public bool Ok;
    public int PartCount;
    public int ValueStart;
    public int ValueLength;
    public string? Op;
    public string? ErrorType;
    public string? ErrorMessage;
    public string? ErrorTraceback;
    public string? ErrorBridge;

    /// <summary>Lent segments Python still refers to after the call (<c>kept</c>): never to be reused.</summary>
    public string[]? Kept;

    /// <summary>Locates the fields of a control frame; anything malformed is a <see cref="BridgeProtocolException"/>.</summary>
    public static ResponseHeader Parse(ReadOnlySpan<byte> json)
    {
        try
        {
            return ParseFields(json);
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException or FormatException)
        {
            throw new BridgeProtocolException($"A control frame from Python is not a valid answer: {e.Message}", e);
        }
    }

    private static ResponseHeader ParseFields(ReadOnlySpan<byte> json)
    {
        var header = new ResponseHeader { ValueStart = -1 };
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 256 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new BridgeProtocolException("A control frame must hold a JSON object.");
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("v"u8))
            {
                reader.Read();
                header.ValueStart = (int)reader.TokenStartIndex;
                reader.Skip();
                header.ValueLength = (int)reader.BytesConsumed - header.ValueStart;
                continue;
            }

            if (reader.ValueTextEquals("error"u8))
            {
                reader.Read();
                header.ReadError(ref reader);
                continue;
            }

            // Compared as UTF-8 in place: no string per property name on the path of every answer.
            if (reader.ValueTextEquals("id"u8))
            {
                reader.Read();
                header.Id = reader.TokenType == JsonTokenType.Number ? reader.GetInt64() : 0;
            }
            else if (reader.ValueTextEquals("ok"u8))
            {
                reader.Read();
                header.Ok = reader.TokenType == JsonTokenType.True;
            }
            else if (reader.ValueTextEquals("n"u8))
            {
                reader.Read();
                header.PartCount = reader.GetInt32();
            }
            else if (reader.ValueTextEquals("kept"u8))
            {
                reader.Read();
                var kept = new System.Collections.Generic.List<string>();
                while (reader.Read() && reader.TokenType == JsonTokenType.String)
                {
                    kept.Add(reader.GetString()!);
                }

                header.Kept = kept.ToArray();
            }
            else if (reader.ValueTextEquals("op"u8))
            {
                reader.Read();
                header.Op = reader.GetString();
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return header;
    }

    private void ReadError(ref Utf8JsonReader reader)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            string name = reader.GetString()!;
            reader.Read();
            string? text = reader.TokenType == JsonTokenType.String ? Text(ref reader) : null;
            switch (name)
            {
                case "type": ErrorType = text; break;
                case "message": ErrorMessage = text; break;
                case "traceback": ErrorTraceback = text; break;
                case "bridge": ErrorBridge = text; break;
                default: reader.Skip(); break;
            }
        }
    }

    /// <summary>A JSON string; one that has no UTF-16 form (a lone surrogate escape) is kept as its raw escaped text.</summary>
    private static string Text(ref Utf8JsonReader reader)
    {
        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            return System.Text.Encoding.UTF8.GetString(reader.ValueSpan);
        }
    }

    /// <summary>The exception an error answer stands for.</summary>
    public readonly Exception ToException() => ErrorBridge switch
    {
        "handle" => new BridgeHandleException(ErrorMessage ?? "unknown handle"),
        "protocol" => new BridgeProtocolException($"Python rejected a request: {ErrorMessage}"),
        "limit" => new BridgeLimitException(ErrorMessage ?? "a size limit of the protocol"),
        _ => new PythonException(ErrorType ?? "Exception", ErrorMessage ?? "", ErrorTraceback ?? ""),
    };
}
