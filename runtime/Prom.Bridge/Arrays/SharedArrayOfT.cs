using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Text.Json;
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

    internal SharedArray(Arrays.SharedMemoryFile file, int[] shape, string dtype)
    {
        _file = file;
        _shape = shape;
        Dtype = dtype;
        Length = checked((int)Arrays.Shapes.Count(shape));
    }

    /// <summary>The number of elements.</summary>
    public int Length { get; }

    /// <summary>The dimensions (C order).</summary>
    public IReadOnlyList<int> Shape => _shape;

    /// <summary>The numpy dtype: a string such as <c>&lt;f4</c>, or the JSON of a <c>[Struct]</c> dtype.</summary>
    public string Dtype { get; }

    /// <summary>The backing file (deleted on dispose).</summary>
    public string FilePath => _file.Path;

    /// <summary>True after <see cref="Dispose"/>.</summary>
    public bool IsDisposed => _file.IsDisposed;

    /// <summary>The elements, flat in C order. Do not keep the span past <see cref="Dispose"/>.</summary>
    public Span<T> Span => new(_file.Pointer, Length);

    /// <summary>The element at flat index <paramref name="index"/>.</summary>
    public ref T this[int index]
    {
        get
        {
            if ((uint)index >= (uint)Length)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"The shared array has {Length} elements.");
            }

            return ref ((T*)_file.Pointer)[index];
        }
    }

    /// <summary>Copies the elements into a new managed array.</summary>
    public T[] ToArray() => Span.ToArray();

    /// <summary>Unmaps and deletes the file, and tells every bridge that saw it to drop its mapping.</summary>
    public void Dispose()
    {
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

        _file.Dispose();
    }

    void Arrays.ISharedArrayWire.WriteWire(RequestWriter writer)
    {
        _ = _file.Pointer; // throws when disposed
        lock (_sentTo)
        {
            if (!_sentTo.Contains(writer.Bridge))
            {
                _sentTo.Add(writer.Bridge);
            }
        }

        Utf8JsonWriter json = writer.Json;
        json.WriteStartObject();
        json.WriteStartObject("$m");
        json.WriteString("path", _file.Path);
        json.WriteNumber("offset", 0);
        json.WriteNumber("nbytes", _file.ByteLength);
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
