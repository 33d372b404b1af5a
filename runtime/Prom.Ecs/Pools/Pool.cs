using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Ecs.Pools;

/// <summary>
/// Spawn/despawn of ephemeral objects without GC churn: <see cref="Spawn"/> reuses a despawned object when one is
/// available, <see cref="Despawn"/> clears it and keeps it. Persistent data belongs in the ECS; this is for the
/// short-lived helper objects around it. Not thread-safe: one pool per thread or system.
/// </summary>
/// <typeparam name="T">The pooled type.</typeparam>
[DebuggerDisplay("Pool<{typeof(T).Name,nq}>: {Available} available, {Created} created")]
public sealed class Pool<T> where T : class, IPoolable, new()
{
    private readonly Stack<T> _free;

    /// <summary>Creates a pool.</summary>
    /// <param name="prewarm">Objects created up front, so the first spawns allocate nothing.</param>
    public Pool(int prewarm = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(prewarm);
        _free = new Stack<T>(Math.Max(prewarm, 4));
        for (int i = 0; i < prewarm; i++)
        {
            _free.Push(new T());
            Created++;
        }
    }

    /// <summary>Objects waiting to be spawned.</summary>
    public int Available => _free.Count;

    /// <summary>Objects this pool has constructed in total.</summary>
    public int Created { get; private set; }

    /// <summary>Returns a cleared object: a despawned one if available, else a new one.</summary>
    public T Spawn()
    {
        if (_free.TryPop(out T? item))
        {
            return item;
        }

        Created++;
        return new T();
    }

    /// <summary>Clears <paramref name="item"/> and keeps it for the next <see cref="Spawn"/>. Do not use it afterwards.</summary>
    /// <param name="item">An object spawned by this pool.</param>
    public void Despawn(T item)
    {
        ArgumentNullException.ThrowIfNull(item);
        item.Clear();
        _free.Push(item);
    }
}
