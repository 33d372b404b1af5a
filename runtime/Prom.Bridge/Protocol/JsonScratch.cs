using System;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Prom.Bridge.Protocol;

/// <summary>
/// A pooled buffer and the JSON writer over it, kept per thread between requests: writing a request then allocates
/// neither a writer nor a buffer. <see cref="Rent"/> takes this thread's instance (or makes one), <see cref="Return"/>
/// clears it and keeps it for the next request written on the returning thread.
/// </summary>
internal sealed class JsonScratch
{
    /// <summary>Buffers that grew beyond this go back to the shared pool instead of staying with a thread.</summary>
    private const int MaxKeptBytes = 64 * 1024;

    private static readonly JsonWriterOptions s_options = new()
    {
        // Only what JSON requires is escaped; non-ASCII text travels as UTF-8.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        SkipValidation = true,
    };

    [ThreadStatic]
    private static JsonScratch? t_cached;

    private JsonScratch()
    {
        Buffer = new PooledBufferWriter();
        Json = new Utf8JsonWriter(Buffer, s_options);
    }

    public PooledBufferWriter Buffer { get; }

    public Utf8JsonWriter Json { get; }

    public static JsonScratch Rent()
    {
        JsonScratch? scratch = t_cached;
        if (scratch is null)
        {
            return new JsonScratch();
        }

        t_cached = null;
        return scratch;
    }

    public void Return()
    {
        Buffer.Clear(MaxKeptBytes);
        Json.Reset(Buffer);
        t_cached ??= this;
    }
}
