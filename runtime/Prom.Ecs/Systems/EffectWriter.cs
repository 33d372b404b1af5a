using System;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>
/// One system's lane of effects of type <typeparamref name="T"/>: plain data describing a side effect (a file to
/// read, a message to send). Systems only append; after the tick's commit the <see cref="EffectRunner"/> hands every
/// effect to its registered handler, and the handler's result arrives as an event in the next tick.
/// </summary>
/// <remarks>
/// Each system has its own lane per effect type (<see cref="SystemContext.Effects{TEffect}"/>), so appending needs no
/// lock and systems of one batch never contend. The backing array is reused: steady-state appends allocate nothing.
/// </remarks>
/// <typeparam name="T">The effect type.</typeparam>
[DebuggerDisplay("Effects<{typeof(T).Name,nq}> of {SystemName,nq}: {Count}")]
public sealed class EffectWriter<T> : IEffectLane
{
    private T[] _items = new T[4];
    private int _count;

    internal EffectWriter(string systemName)
    {
        SystemName = systemName;
    }

    /// <summary>The system that writes this lane.</summary>
    public string SystemName { get; }

    /// <summary>Effects appended this tick and not yet run.</summary>
    public int Count => _count;

    Type IEffectLane.EffectType => typeof(T);

    int IEffectLane.Pending => _count;

    /// <summary>Appends an effect; it runs after this tick's commit.</summary>
    /// <param name="effect">The effect (copied).</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(in T effect)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, _items.Length * 2);
        }

        _items[_count++] = effect;
    }

    ValueTask IEffectLane.DrainAsync(EffectRunner runner, CancellationToken cancellationToken)
    {
        EffectHandler<T> handler = runner.HandlerFor<T>(SystemName);
        return handler.IsSynchronous ? DrainSynchronously(handler) : DrainAsync(handler, cancellationToken);
    }

    private ValueTask DrainSynchronously(EffectHandler<T> handler)
    {
        try
        {
            for (int i = 0; i < _count; i++)
            {
                handler.Handle(_items[i]);
            }
        }
        finally
        {
            Clear();
        }

        return default;
    }

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    private async ValueTask DrainAsync(EffectHandler<T> handler, CancellationToken cancellationToken)
    {
        try
        {
            for (int i = 0; i < _count; i++)
            {
                await handler.HandleAsync(_items[i], cancellationToken).ConfigureAwait(false);
            }
        }
        finally
        {
            Clear();
        }
    }

    /// <summary>Drops every effect not yet run (the runner does this after running them).</summary>
    public void Clear()
    {
        if (RuntimeHelpers.IsReferenceOrContainsReferences<T>())
        {
            Array.Clear(_items, 0, _count);
        }

        _count = 0;
    }
}
