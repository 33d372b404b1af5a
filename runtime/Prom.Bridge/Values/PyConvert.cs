using System;
using System.Collections;
using System.Collections.Generic;
using System.Numerics;
using System.Reflection;
using Prom.Bridge.Arrays;
using Prom.Bridge.Protocol;

namespace Prom.Bridge.Values;

/// <summary>Converts decoded Python values to the type a typed call asks for, with errors that name both sides.</summary>
internal static class PyConvert
{
    private static readonly MethodInfo s_sharedFrom = typeof(PyConvert).GetMethod(nameof(SharedFrom), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The return mode that lets Python send a value that converts to <typeparamref name="T"/>.</summary>
    public static ReturnMode ModeFor<T>()
    {
        Type t = typeof(T);
        if (t == typeof(PyObject))
        {
            return ReturnMode.Handle;
        }

        if (t == typeof(PyBuffer) || (t.IsArray && t.GetArrayRank() == 1 && NumpyDtypes.TryGetPrimitive(t.GetElementType()!, out _, out _)))
        {
            return ReturnMode.Buffer;
        }

        return t.IsGenericType && t.GetGenericTypeDefinition() == typeof(SharedArray<>) ? ReturnMode.Shared : ReturnMode.Auto;
    }

    /// <summary>
    /// Converts <paramref name="value"/> to <typeparamref name="T"/>. A value that already is a <typeparamref name="T"/>
    /// (the common small call: a boxed double for <c>double</c>) is returned as it is, which is what <see cref="To(object?, Type)"/>
    /// returns for it too; <c>object</c> always goes the long way (a shared segment becomes a <see cref="PyBuffer"/> there).
    /// </summary>
    public static T To<T>(object? value) => typeof(T) != typeof(object) && value is T typed ? typed : (T)To(value, typeof(T))!;

    public static object? To(object? value, Type target)
    {
        if (target == typeof(object))
        {
            return value is SharedSegment segment ? new PyBuffer(Array.Empty<byte>(), segment.Dtype, segment.Shape) : value;
        }

        Type? underlying = Nullable.GetUnderlyingType(target);
        if (underlying is not null)
        {
            return value is null ? null : To(value, underlying);
        }

        if (value is null)
        {
            return target.IsValueType
                ? throw new InvalidCastException($"Python returned None; {target.Name} cannot hold it (use {target.Name}? or object).")
                : null;
        }

        if (target.IsInstanceOfType(value))
        {
            return value;
        }

        if (value is long or BigInteger or double or bool && TryNumber(value, target, out object? number))
        {
            return number;
        }

        if (target == typeof(char) && value is string { Length: 1 } one)
        {
            return one[0];
        }

        if (value is SharedSegment shared && target.IsGenericType && target.GetGenericTypeDefinition() == typeof(SharedArray<>))
        {
            // Unwrapped: the caller gets the InvalidCastException itself, not a TargetInvocationException around it.
            return s_sharedFrom.MakeGenericMethod(target.GetGenericArguments()[0]).Invoke(null, BindingFlags.DoNotWrapExceptions, null, new object[] { shared }, null);
        }

        if (target.IsArray && target.GetArrayRank() == 1)
        {
            Type element = target.GetElementType()!;
            if (value is PyBuffer buffer)
            {
                return FromBuffer(buffer, element);
            }

            if (value is IList sequence)
            {
                Array array = Array.CreateInstance(element, sequence.Count);
                for (int i = 0; i < sequence.Count; i++)
                {
                    array.SetValue(To(sequence[i], element), i);
                }

                return array;
            }
        }

        if (target.IsGenericType && value is IList items)
        {
            Type definition = target.GetGenericTypeDefinition();
            if (definition == typeof(List<>) || definition == typeof(IList<>) || definition == typeof(IReadOnlyList<>)
                || definition == typeof(IEnumerable<>) || definition == typeof(ICollection<>) || definition == typeof(IReadOnlyCollection<>))
            {
                Type element = target.GetGenericArguments()[0];
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(element), items.Count)!;
                foreach (object? item in items)
                {
                    list.Add(To(item, element));
                }

                return list;
            }
        }

        if (target.IsGenericType && value is Dictionary<object, object?> dict)
        {
            Type definition = target.GetGenericTypeDefinition();
            if (definition == typeof(Dictionary<,>) || definition == typeof(IDictionary<,>) || definition == typeof(IReadOnlyDictionary<,>))
            {
                Type[] kv = target.GetGenericArguments();
                var result = (IDictionary)Activator.CreateInstance(typeof(Dictionary<,>).MakeGenericType(kv))!;
                foreach (KeyValuePair<object, object?> entry in dict)
                {
                    result.Add(To(entry.Key, kv[0])!, To(entry.Value, kv[1]));
                }

                return result;
            }
        }

        throw new InvalidCastException($"Python returned {Describe(value)}, which cannot be converted to {target}.");
    }

    /// <summary>A short description of a decoded value for error messages.</summary>
    public static string Describe(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        long or BigInteger => $"int {value}",
        double d => $"float {d}",
        string s => $"a str of {s.Length} chars",
        byte[] bytes => $"bytes of length {bytes.Length}",
        List<object?> list => $"a list of {list.Count} items",
        object?[] tuple => $"a tuple of {tuple.Length} items",
        Dictionary<object, object?> dict => $"a dict of {dict.Count} items",
        PyObject handle => $"a handle ({handle})",
        PyBuffer buffer => $"an array of dtype {buffer.Dtype} and shape [{string.Join(", ", buffer.Shape)}]",
        SharedSegment segment => $"a shared array of dtype {segment.Dtype}",
        _ => value.GetType().Name,
    };

    private static bool TryNumber(object value, Type target, out object? result)
    {
        result = null;
        try
        {
            switch (value)
            {
                case long l:
                    result = Type.GetTypeCode(target) switch
                    {
                        TypeCode.Int32 => checked((int)l),
                        TypeCode.Int16 => checked((short)l),
                        TypeCode.SByte => checked((sbyte)l),
                        TypeCode.Byte => checked((byte)l),
                        TypeCode.UInt16 => checked((ushort)l),
                        TypeCode.UInt32 => checked((uint)l),
                        TypeCode.UInt64 => checked((ulong)l),
                        TypeCode.Double => (double)l,
                        TypeCode.Single => (float)l,
                        TypeCode.Decimal => (decimal)l,
                        _ => target == typeof(BigInteger) ? new BigInteger(l) : target == typeof(Int128) ? (Int128)l : null,
                    };
                    break;
                case BigInteger big:
                    result = Type.GetTypeCode(target) switch
                    {
                        TypeCode.UInt64 => (ulong)big,
                        TypeCode.Int64 => (long)big,
                        TypeCode.Double => (double)big,
                        TypeCode.Single => (float)big,
                        TypeCode.Decimal => (decimal)big,
                        _ => target == typeof(Int128) ? (Int128)big : target == typeof(UInt128) ? (UInt128)big : null,
                    };
                    break;
                case double d:
                    result = Type.GetTypeCode(target) switch
                    {
                        TypeCode.Single => (float)d,
                        TypeCode.Decimal => (decimal)d,
                        _ => target == typeof(Half) ? (Half)d : null,
                    };
                    break;
                case bool:
                    result = null;
                    break;
            }
        }
        catch (OverflowException)
        {
            throw new InvalidCastException($"Python returned {Describe(value)}, which does not fit in {target.Name}.");
        }

        return result is not null;
    }

    private static object FromBuffer(PyBuffer buffer, Type element)
    {
        if (element == typeof(byte) && buffer.Dtype == "|u1")
        {
            return buffer.Data;
        }

        if (!NumpyDtypes.TryGetPrimitive(element, out string? expected, out int size))
        {
            throw new InvalidCastException($"Python returned {Describe(buffer)}; {element.Name}[] is not a primitive array type.");
        }

        if (buffer.Dtype != expected)
        {
            throw new InvalidCastException($"Python returned an array of dtype {buffer.Dtype}; {element.Name}[] needs dtype {expected}.");
        }

        if (buffer.Data.Length % size != 0)
        {
            throw new InvalidCastException($"Python returned {buffer.Data.Length} bytes of dtype {buffer.Dtype}, not a whole number of {element.Name}s.");
        }

        Array array = Array.CreateInstance(element, buffer.Data.Length / size);
        buffer.Data.AsSpan().CopyTo(System.Runtime.InteropServices.MemoryMarshal.CreateSpan(
            ref System.Runtime.InteropServices.MemoryMarshal.GetArrayDataReference(array), buffer.Data.Length));
        return array;
    }

    private static SharedArray<TElement> SharedFrom<TElement>(SharedSegment segment) where TElement : unmanaged
    {
        int size = System.Runtime.CompilerServices.Unsafe.SizeOf<TElement>();
        long count = Shapes.Count(segment.Shape);
        if (NumpyDtypes.TryGetPrimitive(typeof(TElement), out string? expected, out _) && segment.Dtype != expected)
        {
            segment.File.Dispose();
            throw new InvalidCastException($"Python returned a shared array of dtype {segment.Dtype}; SharedArray<{typeof(TElement).Name}> needs {expected}.");
        }

        if (count * size != segment.File.ByteLength)
        {
            segment.File.Dispose();
            throw new InvalidCastException(
                $"Python returned a shared array of {segment.File.ByteLength} bytes ({segment.Dtype}); {count} elements of {typeof(TElement).Name} need {count * size}.");
        }

        if (StructProblem<TElement>(segment.Dtype) is { } problem)
        {
            segment.File.Dispose();
            throw new InvalidCastException($"Python returned a structured array that is not {typeof(TElement).Name}[]: {problem}.");
        }

        return new SharedArray<TElement>(segment.File, segment.ShapeArray, segment.Dtype);
    }

    /// <summary>
    /// For a <c>[Struct]</c> element type: why <paramref name="dtype"/> does not match its layout field by field (names,
    /// formats, offsets, item size), or null. Same-size dtypes would otherwise be read as a wrong answer. Null for other types.
    /// </summary>
    private static string? StructProblem<TElement>(string dtype) where TElement : unmanaged
    {
        if (StructLayoutOf<TElement>.Layout is not { } layout)
        {
            return null;
        }

        return Typed.PyWrapperSupport.StructDtypeProblem(dtype, layout);
    }

    /// <summary>The generated layout of <typeparamref name="T"/> when it implements <see cref="IStruct{TSelf}"/>, looked up once per type.</summary>
    private static class StructLayoutOf<T> where T : unmanaged
    {
        public static readonly StructLayoutInfo? Layout = Array.Exists(
            typeof(T).GetInterfaces(), static i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IStruct<>) && i.GetGenericArguments()[0] == typeof(T))
            ? (StructLayoutInfo)s_layoutOf.MakeGenericMethod(typeof(T)).Invoke(null, BindingFlags.DoNotWrapExceptions, null, null, null)!
            : null;
    }

    private static readonly MethodInfo s_layoutOf = typeof(PyConvert).GetMethod(nameof(LayoutOf), BindingFlags.NonPublic | BindingFlags.Static)!;

    private static StructLayoutInfo LayoutOf<T>() where T : unmanaged, IStruct<T> => T.Layout;
}
