using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Bridge;

/// <summary>
/// The host side of the object table: handle id → the one live <see cref="PyObject"/> for it (weakly held, so an
/// unreachable handle can be finalized and released).
/// </summary>
/// <remarks>
/// Why counts: Python counts every time it sends an id; a handle counts every time it receives it; a release
/// carries that count and Python drops the object only when its count reaches zero. So a release racing with a
/// response that carries the same id (already on the wire) never deletes an object the host is about to receive.
/// </remarks>
internal sealed class HandleTable
{
    private readonly PyBridge _bridge;
    private readonly Dictionary<long, WeakReference<PyObject>> _live = new();

    public HandleTable(PyBridge bridge) => _bridge = bridge;

    /// <summary>The number of handle ids with an entry (live or awaiting finalization).</summary>
    public int Count
    {
        get
        {
            lock (_live)
            {
                return _live.Count;
            }
        }
    }

    /// <summary>Returns the live handle for <paramref name="id"/> with one more received reference, or a new one.</summary>
    public PyObject Receive(long id)
    {
        lock (_live)
        {
            if (_live.TryGetValue(id, out WeakReference<PyObject>? weak) && weak.TryGetTarget(out PyObject? existing) && !existing.IsDisposed)
            {
                existing.AddReceived();
                return existing;
            }

            var created = new PyObject(_bridge, id);
            _live[id] = new WeakReference<PyObject>(created);
            AssertInvariants();
            return created;
        }
    }

    /// <summary>Marks <paramref name="handle"/> disposed and returns how many references to release, or 0 if it already was.</summary>
    public int Forget(PyObject handle)
    {
        lock (_live)
        {
            int count = handle.MarkDisposed();
            if (count > 0 && _live.TryGetValue(handle.HandleId, out WeakReference<PyObject>? weak)
                && (!weak.TryGetTarget(out PyObject? target) || ReferenceEquals(target, handle)))
            {
                _live.Remove(handle.HandleId);
            }

            return count;
        }
    }

    /// <summary>Called by a finalizer: removes the entry only if it still points at a collected handle.</summary>
    public void ForgetCollected(long id)
    {
        lock (_live)
        {
            if (_live.TryGetValue(id, out WeakReference<PyObject>? weak) && !weak.TryGetTarget(out _))
            {
                _live.Remove(id);
            }
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants() => Debug.Assert(_live.Count >= 0);
}
