using System.Threading;

namespace Prom.Bridge.Arrays;

/// <summary>
/// A segment of a bridge's <see cref="LendingPool"/> while it is out: counted references, one for its owner (the
/// request that copied a by-value array into it, or a rented <see cref="SharedArray{T}"/>) and one per request in
/// flight that carries it. Only when the last one ends does it go back to the pool, so a segment is never handed to a
/// second user while Python may still read it for the first (a disposed rented array whose call is still running, a
/// call that timed out and is still running in Python).
/// </summary>
internal sealed class PooledSegment
{
    private readonly LendingPool _pool;
    private int _references = 1;

    /// <summary>Python still referred to the segment after a request (answer field <c>kept</c>): never reuse it.</summary>
    private volatile bool _kept;

    /// <summary>It was also sent to another bridge (which maps it its own way): never reuse it.</summary>
    private volatile bool _foreign;

    public PooledSegment(LendingPool pool, SharedMemoryFile file)
    {
        _pool = pool;
        File = file;
    }

    public SharedMemoryFile File { get; }

    public string Path => File.Path;

    /// <summary>True when the pool's own bridge is <paramref name="bridge"/>.</summary>
    public bool BelongsTo(PyBridge bridge) => _pool.Bridge == bridge;

    /// <summary>Whether the segment may go back to the free list when its last reference ends.</summary>
    public bool Reusable => !_kept && !_foreign;

    /// <summary>A request carries the segment (ended by <see cref="Release"/> with its answer).</summary>
    public void AddUse() => Interlocked.Increment(ref _references);

    public void MarkForeign() => _foreign = true;

    /// <summary>Ends one reference; <paramref name="keptByPython"/>: the answer said Python still refers to it.</summary>
    public void Release(bool keptByPython)
    {
        if (keptByPython)
        {
            _kept = true;
        }

        if (Interlocked.Decrement(ref _references) == 0)
        {
            _pool.Reclaim(this);
        }
    }
}
