using System;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// Events of one type: results of effect handlers (and <see cref="EffectRunner.Post{TEvent}"/>) collect in the
/// pending buffer; <see cref="Flip"/> at the start of a tick makes them the visible ones for exactly that tick.
/// Both buffers are reused, so steady-state ticks allocate nothing.
/// </summary>
internal sealed class EventQueue<T> : EventQueue
{
    private readonly object _lock = new();
    private T[] _pending = new T[4];
    private int _pendingCount;
    private T[] _visible = new T[4];
    private int _visibleCount;

    internal EventQueue()
    {
        Reader = new EventReader<T>(this);
    }

    /// <summary>The one reader every system shares (the visible buffer is read-only during a tick).</summary>
    internal EventReader<T> Reader { get; }

    internal ReadOnlySpan<T> Visible => new(_visible, 0, _visibleCount);

    internal int VisibleCount => _visibleCount;

    internal override int PendingCount => _pendingCount;

    /// <summary>Queues an event for the next tick. Locked: <see cref="EffectRunner.Post{TEvent}"/> may come from any thread.</summary>
    internal void Add(T item)
    {
        lock (_lock)
        {
            if (_pendingCount == _pending.Length)
            {
                Array.Resize(ref _pending, _pending.Length * 2);
            }

            _pending[_pendingCount++] = item;
        }
    }

    internal override void Flip()
    {
        lock (_lock)
        {
            if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
            {
                Array.Clear(_visible, 0, _visibleCount);
            }

            (_visible, _pending) = (_pending, _visible);
            _visibleCount = _pendingCount;
            _pendingCount = 0;
        }
    }
}
