using System;
using System.Collections.Generic;

namespace Prom.Bridge.Arrays;

/// <summary>
/// Reusable shared-memory segments of one bridge, for large primitive arrays passed <em>by value</em> (a
/// <c>double[]</c> or <c>ReadOnlyMemory&lt;double&gt;</c> argument) and for arrays the user rents
/// (<see cref="PyBridge.RentArray{T}"/>): both processes have mapped and touched a reused segment's pages already, so
/// a call costs one memory copy (or none, for a rented array filled in place) instead of a trip through the pipe, a
/// fresh file, a fresh mapping on both sides and a page fault per 4 KiB. A segment is out to one user at a time
/// (<see cref="PooledSegment"/> counts the requests in flight that carry it). If Python still refers to the array after
/// a call (a view kept in a global, a handle to it), its answer says so (<c>kept</c>) and the segment is never reused:
/// those views keep seeing that call's data.
/// </summary>
internal sealed class LendingPool : IDisposable
{
    /// <summary>Arrays of at least this many bytes travel in a lent segment (smaller ones are cheaper in the pipe).</summary>
    public const long MinBytes = 256 * 1024;

    /// <summary>Free segments kept for reuse (more are deleted when they come back), and their total size.</summary>
    private const int MaxFree = 4;
    private const long MaxFreeBytes = 1L << 30;

    private readonly List<SharedMemoryFile> _free = new();
    private long _freeBytes;
    private bool _disposed;

    public LendingPool(PyBridge bridge) => Bridge = bridge;

    public PyBridge Bridge { get; }

    /// <summary>
    /// A segment of at least <paramref name="bytes"/> bytes (and at most twice that), reused when one is free. Its
    /// content is whatever a previous user left: every caller overwrites or clears the bytes it exposes.
    /// </summary>
    public PooledSegment Rent(long bytes)
    {
        lock (_free)
        {
            for (int i = 0; i < _free.Count; i++)
            {
                SharedMemoryFile candidate = _free[i];
                if (candidate.ByteLength >= bytes && candidate.ByteLength <= 2 * bytes)
                {
                    _free.RemoveAt(i);
                    _freeBytes -= candidate.ByteLength;
                    return new PooledSegment(this, candidate);
                }
            }
        }

        return new PooledSegment(this, SharedMemoryFile.Create((bytes + 0xFFFF) & ~0xFFFFL));
    }

    /// <summary>The last reference of <paramref name="segment"/> ended: keep it for reuse, or delete it.</summary>
    public void Reclaim(PooledSegment segment)
    {
        SharedMemoryFile file = segment.File;
        if (!segment.Reusable)
        {
            // Kept by Python: the views on it stay valid after the file is deleted (the unmap only drops a mapping
            // Python may have made again since; harmless otherwise). Sent elsewhere: the rented array told those
            // bridges to unmap it.
            Bridge.EnqueueUnmap(file.Path);
            file.Dispose();
            return;
        }

        lock (_free)
        {
            if (!_disposed && _free.Count < MaxFree && _freeBytes + file.ByteLength <= MaxFreeBytes)
            {
                _free.Add(file);
                _freeBytes += file.ByteLength;
                return;
            }
        }

        Bridge.EnqueueUnmap(file.Path);
        file.Dispose();
    }

    /// <summary>The path of the free segment a rent would look at last (the newest), or null; for tests.</summary>
    internal string? PeekFreePath()
    {
        lock (_free)
        {
            return _free.Count == 0 ? null : _free[^1].Path;
        }
    }

    /// <summary>Deletes the free segments (the bridge ends); segments still out are deleted when they come back.</summary>
    public void Dispose()
    {
        SharedMemoryFile[] free;
        lock (_free)
        {
            _disposed = true;
            free = _free.ToArray();
            _free.Clear();
            _freeBytes = 0;
        }

        foreach (SharedMemoryFile segment in free)
        {
            segment.Dispose();
        }
    }
}
