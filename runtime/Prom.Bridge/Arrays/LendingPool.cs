using System;
using System.Collections.Generic;

namespace Prom.Bridge.Arrays;

/// <summary>
/// Reusable shared-memory segments that carry large primitive arrays passed <em>by value</em> (a <c>double[]</c>
/// argument): the host copies the array into a segment whose pages both processes have already mapped and touched,
/// and Python reads it as a read-only numpy view — one memory copy instead of a trip through the pipe, and no fresh
/// file, mapping or page faults per call. A segment is lent to one request at a time and comes back with its answer.
/// If Python still refers to the array after the call (a view kept in a global, a handle to it), its answer says so
/// (<c>kept</c>) and the segment is never reused: those views keep seeing that call's data.
/// </summary>
internal sealed class LendingPool : IDisposable
{
    /// <summary>Arrays of at least this many bytes travel in a lent segment (smaller ones are cheaper in the pipe).</summary>
    public const long MinBytes = 256 * 1024;

    /// <summary>Free segments kept for reuse; more are deleted when they come back.</summary>
    private const int MaxFree = 2;

    private readonly PyBridge _bridge;
    private readonly List<SharedMemoryFile> _free = new();
    private bool _disposed;

    public LendingPool(PyBridge bridge) => _bridge = bridge;

    /// <summary>A segment of at least <paramref name="bytes"/> bytes (and at most twice that), reused when one is free.</summary>
    public SharedMemoryFile Rent(long bytes)
    {
        lock (_free)
        {
            for (int i = 0; i < _free.Count; i++)
            {
                SharedMemoryFile candidate = _free[i];
                if (candidate.ByteLength >= bytes && candidate.ByteLength <= 2 * bytes)
                {
                    _free.RemoveAt(i);
                    return candidate;
                }
            }
        }

        return SharedMemoryFile.Create((bytes + 0xFFFF) & ~0xFFFFL);
    }

    /// <summary>Takes a segment back after its request was answered; <paramref name="keptByPython"/>: never reuse it.</summary>
    public void Return(SharedMemoryFile segment, bool keptByPython)
    {
        if (keptByPython)
        {
            segment.Dispose(); // deletes the file; Python's mapping (and the views on it) stays valid
            return;
        }

        lock (_free)
        {
            if (!_disposed && _free.Count < MaxFree)
            {
                _free.Add(segment);
                return;
            }
        }

        Drop(segment);
    }

    /// <summary>Deletes the free segments (the bridge ends).</summary>
    public void Dispose()
    {
        SharedMemoryFile[] free;
        lock (_free)
        {
            _disposed = true;
            free = _free.ToArray();
            _free.Clear();
        }

        foreach (SharedMemoryFile segment in free)
        {
            segment.Dispose();
        }
    }

    private void Drop(SharedMemoryFile segment)
    {
        _bridge.EnqueueUnmap(segment.Path);
        segment.Dispose();
    }
}
