using System;
using System.Collections.Concurrent;
using System.Reflection;
using Prom.Bridge.Arrays;
using Prom.Bridge.Protocol;

namespace Prom.Bridge.Values;

/// <summary>
/// Sends a boxed <c>ReadOnlyMemory&lt;T&gt;</c> or <c>Memory&lt;T&gt;</c> of a numpy primitive (other than
/// <c>byte</c>, which is <c>bytes</c>) as a by-value 1-D array. The element type is only known at run time here, so
/// one typed writer per memory type is made once by reflection and cached.
/// </summary>
internal static class MemoryOfPrimitives
{
    private static readonly ConcurrentDictionary<Type, Action<RequestWriter, object>?> s_writers = new();

    private static readonly MethodInfo s_readOnly = typeof(MemoryOfPrimitives).GetMethod(nameof(WriteReadOnly), BindingFlags.NonPublic | BindingFlags.Static)!;
    private static readonly MethodInfo s_writable = typeof(MemoryOfPrimitives).GetMethod(nameof(WriteWritable), BindingFlags.NonPublic | BindingFlags.Static)!;

    /// <summary>The writer for values of <paramref name="type"/>, or null when it is not a memory of primitives.</summary>
    public static Action<RequestWriter, object>? TryGetWriter(Type type)
        => type.IsGenericType ? s_writers.GetOrAdd(type, static t => Create(t)) : null;

    private static Action<RequestWriter, object>? Create(Type type)
    {
        Type definition = type.GetGenericTypeDefinition();
        MethodInfo? method = definition == typeof(ReadOnlyMemory<>) ? s_readOnly : definition == typeof(Memory<>) ? s_writable : null;
        Type element = type.GetGenericArguments()[0];
        if (method is null || !NumpyDtypes.TryGetPrimitive(element, out _, out _))
        {
            return null;
        }

        return method.MakeGenericMethod(element).CreateDelegate<Action<RequestWriter, object>>();
    }

    private static void WriteReadOnly<T>(RequestWriter w, object value) where T : unmanaged
        => ValueEncoder.WritePrimitiveMemory(w, ((ReadOnlyMemory<T>)value).Span, null);

    private static void WriteWritable<T>(RequestWriter w, object value) where T : unmanaged
        => ValueEncoder.WritePrimitiveMemory<T>(w, ((Memory<T>)value).Span, null);
}
