using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
using System.Threading;
using Prom.Bridge.Protocol;

namespace Prom.Bridge;

/// <summary>
/// An n-dimensional array in shared memory (a memory-mapped file). Passed to Python it appears as a writable
/// <c>numpy.ndarray</c> view of the same memory, without a copy: writes on either side are visible to the other.
/// Create one with <see cref="SharedArray"/>; Python results come back as one with <c>Call&lt;SharedArray&lt;T&gt;&gt;</c>.
/// </summary>
/// <typeparam name="T">A primitive numeric type or a <c>[Struct]</c> type.</typeparam>
[DebuggerDisplay("SharedArray<{typeof(T).Name,nq}> {Dtype} [{string.Join(\", \", Shape),nq}]")]
public sealed unsafe class SharedArray<T> : IDisposable, Arrays.ISharedArrayWire where T : unmanaged
{
    private readonly Arrays.SharedMemoryFile _file;
    private readonly int[] _shape;
    private readonly List<PyBridge> _sentTo = new();

    /// <summary>The pool segment of a rented array (<see cref="PyBridge.RentArray{T}"/>), else null.</summary>
    private readonly Arrays.PooledSegment? _pooled;
    private int _disposed;

    internal SharedArray(Arrays.SharedMemoryFile file, int[] shape, string dtype, Arrays.PooledSegment? pooled = null)
    {
        _file = file;
        _shape = shape;
        _pooled = pooled;
        Dtype = dtype;
        Length = checked((int)Arrays.Shapes.Count(shape));
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The dimensions (C order).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The numpy dtype: a string such as <c>&lt;f4</c>, or the JSON of a <c>[Struct]</c> dtype.</summary>
    public string Dtype { get; }

    /// <summary>The backing file (deleted on dispose; a rented array's goes back to its bridge's pool).</summary>
    public string FilePath => _file.Path;

    /// <summary>True after <see cref="Dispose"/>.</summary>
    public bool IsDisposed => _disposed != 0 || _file.IsDisposed;

    /// <summary>True for an array rented from a bridge's pool (<see cref="PyBridge.RentArray{T}"/>).</summary>
    public bool IsRented => _pooled is not null;

    /// <summary>The elements, flat in C order. Do not keep the span past <see cref="Dispose"/>.</summary>
    public Span<T> Span => new(Pointer, Length);

    private byte* Pointer => _disposed == 0
        ? _file.Pointer
        : throw new ObjectDisposedException(nameof(SharedArray<T>), $"The shared array {_file.Path} was disposed.");

    /// <summary>The element at flat index <paramref name="index"/>.</summary>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The shared array has {Length} elements.");
            }

            return ref ((T*)Pointer)[index];
        }
    }

    /// <summary>Copies the elements into a new managed array.</summary>
    public T[] ToArray() => Span.ToArray();

    /// <summary>
    /// Unmaps and deletes the file, and tells every bridge that saw it to drop its mapping. A rented array's segment
    /// goes back to its bridge's pool instead, once no call in flight carries it any more, unless Python kept a
    /// reference to it past a call (then it is deleted like any other).
    /// </summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        PyBridge[] bridges;
        lock (_sentTo)
        {
            bridges = _sentTo.ToArray();
            _sentTo.Clear();
        }

        foreach (PyBridge bridge in bridges)
        {
            bridge.EnqueueUnmap(_file.Path);
        }

        if (_pooled is not null)
        {
            _pooled.Release(keptByPython: false);
        }
        else
        {
            _file.Dispose();
        }
    }

    void Arrays.ISharedArrayWire.WriteWire(RequestWriter writer)
    {
        _ = Pointer; // throws when disposed
        bool lent = _pooled is not null && _pooled.BelongsTo(writer.Bridge);
        if (lent)
        {
            writer.AddLentUse(_pooled!); // not reused before this call's answer, even if the array is disposed meanwhile
        }
        else
        {
            _pooled?.MarkForeign(); // another bridge maps it its own way: never hand it to a second renter
            lock (_sentTo)
            {
                if (!_sentTo.Contains(writer.Bridge))
                {
                    _sentTo.Add(writer.Bridge);
                }
            }
        }

        Utf8JsonWriter json = writer.Json;
        json.WriteStartObject();
        json.WriteStartObject("$m");
        json.WriteString("path", _file.Path);
        json.WriteNumber("offset", 0);
        json.WriteNumber("nbytes", (long)Length * sizeof(T));
        if (lent)
        {
            json.WriteBoolean("lend", true);
            json.WriteBoolean("writable", true);
        }

        json.WritePropertyName("dtype");
        Arrays.NumpyDtypes.WriteDtype(json, Dtype);
        json.WriteStartArray("shape");
        foreach (int dim in _shape)
        {
            json.WriteNumberValue(dim);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        json.WriteEndObject();
    }
}
