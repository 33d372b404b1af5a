using System;
using System.Diagnostics;
using Prom.Bridge.Protocol;

namespace Prom.Bridge;

/// <summary>
/// A numpy array argument of a generated wrapper (a parameter hinted <c>NDArray[np.float64]</c> and the like): either
/// a <see cref="SharedArray{T}"/>, which Python sees as a writable view of the same memory (no copy at all), or values
/// passed by value (<c>T[]</c>, <c>ReadOnlyMemory&lt;T&gt;</c>, <c>Memory&lt;T&gt;</c>), which Python sees as a read-only
/// numpy array: a large one is copied once into a shared segment of the bridge's pool that both processes have
/// mapped already (see docs/bridge.md, "Arrays"). Both convert implicitly, so a caller writes
/// <c>await sensors.Calibrate(readings, gain: 2.0)</c> with <c>readings</c> a <c>double[]</c> or a shared array.
/// </summary>
/// <typeparam name="T">A numpy primitive element type (<c>double</c>, <c>float</c>, <c>int</c>, …).</typeparam>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct PyArrayArgument<T> : Arrays.IArrayArgumentWire where T : unmanaged
{
    private readonly SharedArray<T>? _shared;
    private readonly ReadOnlyMemory<T> _values;
    private readonly int[]? _shape;
    private readonly bool _hasValues;

    private PyArrayArgument(SharedArray<T>? shared, ReadOnlyMemory<T> values, int[]? shape, bool hasValues)
    {
        _shared = shared;
        _values = values;
        _shape = shape;
        _hasValues = hasValues;
    }

    /// <summary>The shared array this argument passes without a copy, or null when it passes values.</summary>
    public SharedArray<T>? Shared => _shared;

    /// <summary>Passes a shared array (zero copy, writable in Python).</summary>
    public static implicit operator PyArrayArgument<T>(SharedArray<T> shared)
        => new(shared ?? throw new ArgumentNullException(nameof(shared)), default, null, false);

    /// <summary>Passes a copy of <paramref name="values"/> (1-D, read-only in Python).</summary>
    public static implicit operator PyArrayArgument<T>(T[] values)
        => new(null, values ?? throw new ArgumentNullException(nameof(values)), null, true);

    /// <summary>Passes a copy of <paramref name="values"/> (1-D, read-only in Python).</summary>
    public static implicit operator PyArrayArgument<T>(ReadOnlyMemory<T> values) => new(null, values, null, true);

    /// <summary>Passes a copy of <paramref name="values"/> (1-D, read-only in Python).</summary>
    public static implicit operator PyArrayArgument<T>(Memory<T> values) => new(null, values, null, true);

    /// <summary>Passes a copy of <paramref name="values"/> with the given C-order shape (read-only in Python).</summary>
    public static PyArrayArgument<T> Of(ReadOnlyMemory<T> values, params int[] shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        int[] dims = shape.Length == 0 ? new[] { values.Length } : (int[])shape.Clone();
        Arrays.Shapes.CheckCount(dims, values.Length);
        return new PyArrayArgument<T>(null, values, dims, true);
    }

    /// <inheritdoc/>
    public override string ToString()
        => _shared is not null ? "shared " + _shared.Dtype + " [" + string.Join(", ", _shared.Shape) + "]"
            : _hasValues ? "by value, " + _values.Length + " elements"
            : "(no array)";

    void Arrays.IArrayArgumentWire.WriteWire(RequestWriter writer)
    {
        if (_shared is not null)
        {
            ((Arrays.ISharedArrayWire)_shared).WriteWire(writer);
            return;
        }

        if (!_hasValues)
        {
            throw new ArgumentException($"A default PyArrayArgument<{typeof(T).Name}> holds no array; pass a {typeof(T).Name}[], a memory or a SharedArray<{typeof(T).Name}>.");
        }

        Values.ValueEncoder.WritePrimitiveMemory(writer, _values.Span, _shape);
    }
}
