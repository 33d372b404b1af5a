using System;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// The events of type <typeparamref name="T"/> delivered to the current tick: results of the effects run after the
/// previous tick, and events posted between the two. Every system sees the same events; they are replaced at the
/// start of the next tick. Iterate with <c>foreach</c> (a struct enumerator) or <see cref="Items"/>.
/// </summary>
/// <typeparam name="T">The event type.</typeparam>
[DebuggerDisplay("Events<{typeof(T).Name,nq}>: {Count}")]
public sealed class EventReader<T>
{
    private readonly EventQueue<T> _queue;

    internal EventReader(EventQueue<T> queue)
    {
        _queue = queue;
    }

    /// <summary>This tick's events, in the order their effects ran.</summary>
    public ReadOnlySpan<T> Items => _queue.Visible;

    /// <summary>The number of this tick's events.</summary>
    public int Count => _queue.VisibleCount;

    /// <summary>True when there is at least one event this tick.</summary>
    public bool HasAny => _queue.VisibleCount > 0;

    /// <summary>A struct enumerator over <see cref="Items"/>.</summary>
    public ReadOnlySpan<T>.Enumerator GetEnumerator() => _queue.Visible.GetEnumerator();
}
