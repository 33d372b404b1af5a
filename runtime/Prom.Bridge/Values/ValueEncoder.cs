using System;
using System.Collections;
using System.Globalization;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Prom.Bridge.Arrays;
using Prom.Bridge.Protocol;

namespace Prom.Bridge.Values;

/// <summary>
/// Host → Python value policy (documented in docs/bridge.md): scalars as JSON, long strings and bytes as binary
/// parts, primitive arrays as binary parts with dtype and shape, shared arrays by reference to their file,
/// handles by id, tuples/dictionaries/sequences by value. Anything else is rejected with a message naming the type.
/// </summary>
internal static class ValueEncoder
{
    /// <summary>Strings at least this long travel as a UTF-8 binary part instead of a JSON string.</summary>
    public const int LongStringChars = 4096;

    /// <summary>
    /// The threshold in use; only benchmarks change it (to measure strings inside JSON as a baseline).
    /// </summary>
    internal static int LongStringThreshold { get; set; } = LongStringChars;

    private const int MaxDepth = 64;
    private static readonly UTF8Encoding s_strictUtf8 = new(false, true);

    public static void Write(RequestWriter w, object? value, int depth)
    {
        Utf8JsonWriter json = w.Json;
        if (depth > MaxDepth)
        {
            throw new ArgumentException($"A value nested deeper than {MaxDepth} levels (or a cycle) cannot be sent to Python.");
        }

        switch (value)
        {
            case null: json.WriteNullValue(); return;
            case bool b: json.WriteBooleanValue(b); return;
            case string s: WriteString(w, s); return;
            case char c: json.WriteStringValue(c.ToString()); return;
            case int i: json.WriteNumberValue(i); return;
            case long l: json.WriteNumberValue(l); return;
            case short s16: json.WriteNumberValue(s16); return;
            case sbyte s8: json.WriteNumberValue(s8); return;
            case byte u8: json.WriteNumberValue(u8); return;
            case ushort u16: json.WriteNumberValue(u16); return;
            case uint u32: json.WriteNumberValue(u32); return;
            case ulong u64: json.WriteNumberValue(u64); return;
            case BigInteger big: json.WriteRawValue(big.ToString(CultureInfo.InvariantCulture), skipInputValidation: true); return;
            case Int128 i128: json.WriteRawValue(i128.ToString(CultureInfo.InvariantCulture), skipInputValidation: true); return;
            case UInt128 u128: json.WriteRawValue(u128.ToString(CultureInfo.InvariantCulture), skipInputValidation: true); return;
            case double d: WriteFloat(json, d); return;
            case float f: WriteFloat(json, f); return;
            case Half h: WriteFloat(json, (double)h); return;
            case decimal m: WriteFloat(json, (double)m); return;
            case byte[] bytes: WriteBytes(w, bytes); return;
            case ReadOnlyMemory<byte> rom: WriteBytes(w, rom); return;
            case Memory<byte> mem: WriteBytes(w, mem); return;
            case ArraySegment<byte> seg: WriteBytes(w, seg); return;
            case PyObject handle: WriteHandle(w, handle); return;
            case ISharedArrayWire shared: shared.WriteWire(w); return;
            case IArrayArgumentWire argument: argument.WriteWire(w); return;
            case PyBuffer buffer: WriteBuffer(w, buffer); return;
            case PyKwargs: throw new ArgumentException("PyKwargs may only be the last argument of a call.");
            case PyPath path: throw new ArgumentException($"A lazy path ({path}) is not a value; evaluate it first (await path.GetHandle() or Get<T>()).");
        }

        if (value is Array array && NumpyDtypes.TryGetPrimitive(array.GetType().GetElementType()!, out string? dtype, out int size))
        {
            WritePrimitiveArray(w, array, dtype, size);
            return;
        }

        if (MemoryOfPrimitives.TryGetWriter(value.GetType()) is { } writeMemory)
        {
            writeMemory(w, value);
            return;
        }

        if (value is ITuple tuple)
        {
            json.WriteStartObject();
            json.WriteStartArray("$t");
            for (int i = 0; i < tuple.Length; i++)
            {
                Write(w, tuple[i], depth + 1);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            return;
        }

        if (value is IDictionary dictionary)
        {
            json.WriteStartObject();
            json.WriteStartArray("$d");
            foreach (DictionaryEntry entry in dictionary)
            {
                json.WriteStartArray();
                Write(w, entry.Key, depth + 1);
                Write(w, entry.Value, depth + 1);
                json.WriteEndArray();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            return;
        }

        if (value is IEnumerable sequence)
        {
            json.WriteStartArray();
            foreach (object? item in sequence)
            {
                Write(w, item, depth + 1);
            }

            json.WriteEndArray();
            return;
        }

        throw new ArgumentException(
            $"Prom.Bridge cannot pass a value of type {value.GetType().FullName} to Python. Supported: null, bool, integers "
            + "(BigInteger too), floating point, decimal, string, char, byte[]/Memory<byte>, primitive arrays and (ReadOnly)Memory<T> of "
            + "them, SharedArray<T>, PyArrayArgument<T>, "
            + "PyBuffer, PyObject handles, tuples, dictionaries and sequences of those.");
    }

    /// <summary>Writes a float so that Python reads a float: NaN/±Inf tagged, finite values always with '.' or an exponent.</summary>
    public static void WriteFloat(Utf8JsonWriter json, double d)
    {
        if (!double.IsFinite(d))
        {
            json.WriteStartObject();
            json.WriteString("$f", double.IsNaN(d) ? "nan" : d > 0 ? "inf" : "-inf");
            json.WriteEndObject();
            return;
        }

        Span<byte> text = stackalloc byte[40];
        d.TryFormat(text, out int written, "R", CultureInfo.InvariantCulture);
        if (text[..written].IndexOfAny((byte)'.', (byte)'E', (byte)'e') < 0)
        {
            text[written++] = (byte)'.';
            text[written++] = (byte)'0';
        }

        json.WriteRawValue(text[..written], skipInputValidation: true);
    }

    private static void WriteString(RequestWriter w, string s)
    {
        if (s.Length >= LongStringThreshold)
        {
            byte[] utf8;
            try
            {
                utf8 = s_strictUtf8.GetBytes(s);
            }
            catch (EncoderFallbackException)
            {
                // Lone surrogates have no UTF-8 form; the JSON string escapes them instead.
                w.Json.WriteStringValue(s);
                return;
            }

            WriteTagged(w.Json, "$s", w.AddPart(OutgoingPart.FromArray(utf8, 1)));
            return;
        }

        w.Json.WriteStringValue(s);
    }

    private static void WriteBytes(RequestWriter w, byte[] bytes) => WriteTagged(w.Json, "$b", w.AddPart(OutgoingPart.FromArray(bytes, 1)));

    private static void WriteBytes(RequestWriter w, ReadOnlyMemory<byte> bytes) => WriteTagged(w.Json, "$b", w.AddPart(OutgoingPart.FromMemory(bytes)));

    private static void WriteHandle(RequestWriter w, PyObject handle)
    {
        long id = handle.IdFor(w.Bridge);
        WriteTagged(w.Json, "$r", id);
    }

    private static void WritePrimitiveArray(RequestWriter w, Array array, string dtype, int elementSize)
    {
        long bytes = array.LongLength * elementSize;
        Utf8JsonWriter json = w.Json;
        json.WriteStartObject();
        if (bytes >= LendingPool.MinBytes && w.Bridge.HasNumpy)
        {
            // Large: one copy into a lent shared segment instead of the pipe (read-only in Python, as a part is).
            WriteLentStart(json, w.Lend(OutgoingPart.FromArray(array, elementSize)), bytes);
        }
        else
        {
            json.WriteStartObject("$a");
            json.WriteNumber("p", w.AddPart(OutgoingPart.FromArray(array, elementSize)));
        }

        json.WriteString("dtype", dtype);
        json.WriteStartArray("shape");
        for (int d = 0; d < array.Rank; d++)
        {
            json.WriteNumberValue(array.GetLength(d));
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    /// <summary>
    /// A by-value array from memory (<c>ReadOnlyMemory&lt;T&gt;</c>, <c>Memory&lt;T&gt;</c>, a
    /// <see cref="PyArrayArgument{T}"/> of values): exactly as a <c>T[]</c> of that shape would travel.
    /// </summary>
    internal static void WritePrimitiveMemory<T>(RequestWriter w, ReadOnlySpan<T> values, int[]? shape) where T : unmanaged
    {
        string dtype = NumpyDtypes.Primitive<T>();
        long bytes = (long)values.Length * Unsafe.SizeOf<T>();
        Utf8JsonWriter json = w.Json;
        json.WriteStartObject();
        if (bytes >= LendingPool.MinBytes && w.Bridge.HasNumpy)
        {
            WriteLentStart(json, w.Lend(values), bytes);
        }
        else
        {
            // Small: a part of its own (the memory may belong to the caller's buffer, which can change after the call
            // returns while a pipelined message still waits to be written).
            json.WriteStartObject("$a");
            json.WriteNumber("p", w.AddPart(OutgoingPart.FromMemory(System.Runtime.InteropServices.MemoryMarshal.AsBytes(values).ToArray())));
        }

        json.WriteString("dtype", dtype);
        json.WriteStartArray("shape");
        if (shape is null)
        {
            json.WriteNumberValue(values.Length);
        }
        else
        {
            foreach (int dim in shape)
            {
                json.WriteNumberValue(dim);
            }
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteLentStart(Utf8JsonWriter json, string path, long bytes)
    {
        json.WriteStartObject("$m");
        json.WriteString("path", path);
        json.WriteNumber("offset", 0);
        json.WriteNumber("nbytes", bytes);
        json.WriteBoolean("lend", true);
    }

    private static void WriteBuffer(RequestWriter w, PyBuffer buffer)
    {
        int part = w.AddPart(OutgoingPart.FromArray(buffer.Data, 1));
        Utf8JsonWriter json = w.Json;
        json.WriteStartObject();
        json.WriteStartObject("$a");
        json.WriteNumber("p", part);
        json.WritePropertyName("dtype");
        NumpyDtypes.WriteDtype(json, buffer.Dtype);
        json.WriteStartArray("shape");
        foreach (int dim in buffer.Shape)
        {
            json.WriteNumberValue(dim);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }

    private static void WriteTagged(Utf8JsonWriter json, string tag, long number)
    {
        json.WriteStartObject();
        json.WriteNumber(tag, number);
        json.WriteEndObject();
    }
}
