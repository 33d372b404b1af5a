using System;
using System.Collections;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bridge.Values;

namespace Prom.Bridge.Typed;

/// <summary>
/// What the typed wrappers generated from <c>.py</c> files call besides <see cref="PyPath"/>: timeouts on a path,
/// coroutines, iterators, tuple conversion and the checks that keep a wrong-shaped Python answer from becoming a
/// "successful" typed result. Built only on the bridge's public calls, one rule per method.
/// </summary>
public static class PyWrapperSupport
{
    /// <summary>The module path with the call's optional timeout and token (the same path an untyped call builds).</summary>
    public static PyPath Path(PyPath path, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (timeout is { } t) path = path.WithTimeout(t);
        return cancellationToken.CanBeCanceled ? path.WithCancellation(cancellationToken) : path;
    }

    /// <summary>
    /// Calls an <c>async def</c>: the call returns a coroutine (kept as a handle), which <c>asyncio.run</c> then runs
    /// in the child. The timeout covers both round trips together.
    /// </summary>
    public static async Task<T> RunCoroutine<T>(PyPath module, string name, object?[] args, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(module);
        long started = Stopwatch.GetTimestamp();
        PyObject coroutine = await Path(module, timeout, cancellationToken).Call<PyObject>(name, args).ConfigureAwait(false)
            ?? throw new InvalidCastException($"Python's {name}() returned None instead of a coroutine.");
        await using (coroutine.ConfigureAwait(false))
        {
            return await Path(module.Bridge.Import("asyncio"), Remaining(timeout, started), cancellationToken)
                .Call<T>("run", coroutine).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Calls a generator function (or one returning any iterable) and yields its items one round trip each, so the
    /// generator runs exactly as far as the caller reads. The timeout applies to each round trip.
    /// </summary>
    public static async IAsyncEnumerable<T> Iterate<TRaw, T>(
        PyPath module,
        string name,
        object?[] args,
        Func<TRaw, T> convert,
        TimeSpan? timeout,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(module);
        ArgumentNullException.ThrowIfNull(convert);
        PyObject iterable = await Path(module, timeout, cancellationToken).Call<PyObject>(name, args).ConfigureAwait(false)
            ?? throw new InvalidCastException($"Python's {name}() returned None instead of an iterable.");
        await using (iterable.ConfigureAwait(false))
        {
            // iter() of a generator is the generator itself (same handle); of a list, a new list iterator.
            PyObject iterator = await Path(module.Bridge.Builtins, timeout, cancellationToken).Call<PyObject>("iter", iterable).ConfigureAwait(false);
            await using (iterator.ConfigureAwait(false))
            {
                while (true)
                {
                    TRaw item;
                    try
                    {
                        item = await Path(iterator.Path, timeout, cancellationToken).Call<TRaw>("__next__").ConfigureAwait(false);
                    }
                    catch (PythonException e) when (e.TypeName == "StopIteration")
                    {
                        // Since Python 3.7 a StopIteration raised inside a generator becomes RuntimeError, so this is the end.
                        yield break;
                    }

                    yield return convert(item);
                }
            }
        }
    }

    /// <summary>A mapping argument as a dictionary the bridge sends as a Python <c>dict</c>.</summary>
    public static IDictionary? Mapping<TKey, TValue>(IReadOnlyDictionary<TKey, TValue>? values) where TKey : notnull
    {
        if (values is null) return null;
        if (values is IDictionary dictionary) return dictionary;
        var copy = new Dictionary<TKey, TValue>(values.Count);
        foreach (KeyValuePair<TKey, TValue> pair in values) copy.Add(pair.Key, pair.Value);
        return copy;
    }

    /// <summary>Adds <c>**kwargs</c> entries to the keyword arguments of a call (a name given twice is an error).</summary>
    public static void AddKeywords<TValue>(PyKwargs kwargs, IReadOnlyDictionary<string, TValue>? extra)
    {
        ArgumentNullException.ThrowIfNull(kwargs);
        if (extra is null) return;
        foreach (KeyValuePair<string, TValue> pair in extra)
        {
            kwargs.Add(pair.Key, pair.Value);
        }
    }

    /// <summary>
    /// Converts a decoded Python value (as <c>Call&lt;object&gt;</c> returns it) to <typeparamref name="T"/>, with
    /// tuples becoming value tuples (checked element count) at any depth inside lists, dicts and nullables.
    /// </summary>
    public static T Convert<T>(object? value) => (T)Convert(value, typeof(T))!;

    private static object? Convert(object? value, Type target)
    {
        Type? underlying = Nullable.GetUnderlyingType(target);
        if (underlying is not null) return value is null ? null : Convert(value, underlying);
        if (value is null) return PyConvert.To(null, target);
        if (typeof(ITuple).IsAssignableFrom(target) && target.IsValueType && target.IsGenericType)
        {
            Type[] elements = target.GetGenericArguments();
            if (value is not object?[] items) // a Python tuple decodes to object?[], a list to List<object?>
            {
                throw new InvalidCastException($"Python returned {PyConvert.Describe(value)}, not a tuple of {elements.Length} items.");
            }

            if (items.Length != elements.Length)
            {
                throw new InvalidCastException($"Python returned a tuple of {items.Length} items where {elements.Length} were declared ({target}).");
            }

            object?[] converted = new object?[elements.Length];
            for (int i = 0; i < elements.Length; i++) converted[i] = Convert(items[i], elements[i]);
            return Activator.CreateInstance(target, converted);
        }

        if (target.IsGenericType && value is IList list && !target.IsArray)
        {
            Type definition = target.GetGenericTypeDefinition();
            if (definition == typeof(IReadOnlyList<>) || definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IEnumerable<>))
            {
                Type element = target.GetGenericArguments()[0];
                var result = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element), list.Count)!;
                foreach (object? item in list) result.Add(Convert(item, element));
                return result;
            }
        }

        if (target.IsGenericType && value is Dictionary<object, object?> dict)
        {
            Type definition = target.GetGenericTypeDefinition();
            if (definition == typeof(IReadOnlyDictionary<,>) || definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>))
            {
                Type[] kv = target.GetGenericArguments();
                var result = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(kv), dict.Count)!;
                foreach (KeyValuePair<object, object?> entry in dict) result.Add(Convert(entry.Key, kv[0])!, Convert(entry.Value, kv[1]));
                return result;
            }
        }

        return PyConvert.To(value, target);
    }

    /// <summary>A handle Python returned for a declared class, or an error when it returned None.</summary>
    public static PyObject Required(PyObject? handle, string what) =>
        handle ?? throw new InvalidCastException($"Python returned None where {what} was declared (annotate it Optional to allow None).");

    /// <summary>
    /// Checks that a structured array Python returned has exactly the <c>[Struct]</c>'s fields (names, formats,
    /// offsets, item size); numpy would otherwise let any dtype of the same size through as a wrong answer.
    /// </summary>
    public static SharedArray<T> CheckStructs<T>(SharedArray<T> array) where T : unmanaged, IStruct<T>
    {
        ArgumentNullException.ThrowIfNull(array);
        string? problem = StructDtypeProblem(array.Dtype, T.Layout);
        if (problem is null) return array;
        array.Dispose();
        throw new InvalidCastException($"Python returned a structured array that is not {T.Layout.Name}[]: {problem}.");
    }

    /// <summary>Why a numpy <c>descr</c> (JSON, as Python sends it) does not match a layout, or null when it matches.</summary>
    internal static string? StructDtypeProblem(string descrJson, StructLayoutInfo layout)
    {
        JsonElement descr;
        try
        {
            descr = JsonDocument.Parse(descrJson).RootElement;
        }
        catch (JsonException)
        {
            return $"dtype {descrJson} is not a structured dtype";
        }

        if (descr.ValueKind != JsonValueKind.Array) return $"dtype {descrJson} is not a structured dtype";
        var fields = new List<(string Name, string Format, int Offset)>();
        int offset = 0;
        foreach (JsonElement field in descr.EnumerateArray())
        {
            if (field.ValueKind != JsonValueKind.Array || field.GetArrayLength() != 2
                || field[0].ValueKind != JsonValueKind.String || field[1].ValueKind != JsonValueKind.String)
            {
                return $"field {field.GetRawText()} is not a plain scalar field";
            }

            string name = field[0].GetString()!;
            string format = field[1].GetString()!;
            int size = FormatSize(format);
            if (size <= 0) return $"field '{name}' has format {format}";
            if (name.Length > 0) fields.Add((name, format, offset)); // '' entries are padding
            offset += size;
        }

        if (offset != layout.Size) return $"its item size is {offset} bytes, {layout.Name} has {layout.Size}";
        if (fields.Count != layout.Leaves.Count) return $"it has {fields.Count} fields, {layout.Name} has {layout.Leaves.Count}";
        for (int i = 0; i < fields.Count; i++)
        {
            StructLeaf leaf = layout.Leaves[i];
            (string name, string format, int at) = fields[i];
            if (name != leaf.Column || at != leaf.Offset || FormatSize(format) != leaf.Size || !SameKind(format, leaf.Kind))
            {
                return $"field {i} is '{name}' ({format} at offset {at}), {layout.Name} has '{leaf.Column}' ({leaf.Kind} at offset {leaf.Offset})";
            }
        }

        return null;
    }

    private static int FormatSize(string format) =>
        format.Length >= 3 && int.TryParse(format.AsSpan(2), out int size) ? size : -1;

    private static bool SameKind(string format, ScalarKind kind)
    {
        if (format[0] == '>') return false; // the host is little-endian; a big-endian field would read wrong
        char code = format[1];
        return kind switch
        {
            ScalarKind.Float32 or ScalarKind.Float64 or ScalarKind.Float16 => code == 'f',
            ScalarKind.Int8 or ScalarKind.Int16 or ScalarKind.Int32 or ScalarKind.Int64 => code == 'i',
            ScalarKind.UInt8 or ScalarKind.UInt16 or ScalarKind.UInt32 or ScalarKind.UInt64 => code == 'u',
            ScalarKind.Bool => code == 'b',
            _ => false,
        };
    }

    private static TimeSpan? Remaining(TimeSpan? timeout, long started)
    {
        if (timeout is not { } t || t == Timeout.InfiniteTimeSpan) return timeout;
        TimeSpan left = t - Stopwatch.GetElapsedTime(started);
        return left > TimeSpan.Zero ? left : TimeSpan.FromTicks(1);
    }
}
