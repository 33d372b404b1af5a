using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>
/// The effects pipeline of a <see cref="Scheduler"/>: systems append plain-data effects to their own lanes
/// (<see cref="SystemContext.Effects{TEffect}"/>); after the tick's commit this runner hands them to the registered
/// handlers — systems in plan order, each system's lanes in the order it opened them, each lane in append order, every
/// handler awaited before the next — and queues the handlers' results as events that systems see in the next tick
/// (<see cref="SystemContext.Events{TEvent}"/>). Effects never mutate the world directly.
/// </summary>
/// <remarks>
/// Register handlers before the first tick. An effect type without a handler is an error when the first such effect
/// is run (<see cref="EffectFailedException"/> naming the type and the system).
/// </remarks>
public sealed class EffectRunner
{
    private readonly object _lock = new();
    private readonly Dictionary<Type, object> _handlers = new();
    private readonly Dictionary<Type, EventQueue> _queues = new();
    private readonly List<EventQueue> _queueList = new();
    private SystemContext[] _contexts = Array.Empty<SystemContext>();

    internal EffectRunner()
    {
    }

    /// <summary>
    /// Registers the handler of <typeparamref name="TEffect"/>; its result is delivered as a
    /// <typeparamref name="TResult"/> event in the next tick.
    /// </summary>
    /// <typeparam name="TEffect">The effect type.</typeparam>
    /// <typeparam name="TResult">The event type of the result.</typeparam>
    /// <param name="handler">Runs one effect; awaited before the next effect runs.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TEffect"/> already has a handler.</exception>
    public EffectRunner Handle<TEffect, TResult>(Func<TEffect, CancellationToken, ValueTask<TResult>> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(new AsyncEffectHandler<TEffect, TResult>(handler, QueueFor<TResult>()));
    }

    /// <summary>Registers a synchronous handler of <typeparamref name="TEffect"/> (no awaiting, no allocation).</summary>
    /// <typeparam name="TEffect">The effect type.</typeparam>
    /// <typeparam name="TResult">The event type of the result.</typeparam>
    /// <param name="handler">Runs one effect.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TEffect"/> already has a handler.</exception>
    public EffectRunner Handle<TEffect, TResult>(Func<TEffect, TResult> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(new SyncEffectHandler<TEffect, TResult>(handler, QueueFor<TResult>()));
    }

    /// <summary>Registers an asynchronous handler of <typeparamref name="TEffect"/> that produces no event.</summary>
    /// <typeparam name="TEffect">The effect type.</typeparam>
    /// <param name="handler">Runs one effect; awaited before the next effect runs.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TEffect"/> already has a handler.</exception>
    public EffectRunner Handle<TEffect>(Func<TEffect, CancellationToken, ValueTask> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(new AsyncActionEffectHandler<TEffect>(handler));
    }

    /// <summary>Registers a synchronous handler of <typeparamref name="TEffect"/> that produces no event.</summary>
    /// <typeparam name="TEffect">The effect type.</typeparam>
    /// <param name="handler">Runs one effect.</param>
    /// <exception cref="InvalidOperationException"><typeparamref name="TEffect"/> already has a handler.</exception>
    public EffectRunner Handle<TEffect>(Action<TEffect> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        return Register(new ActionEffectHandler<TEffect>(handler));
    }

    /// <summary>True when <typeparamref name="TEffect"/> has a handler.</summary>
    /// <typeparam name="TEffect">The effect type.</typeparam>
    public bool HasHandler<TEffect>()
    {
        lock (_lock)
        {
            return _handlers.ContainsKey(typeof(TEffect));
        }
    }

    /// <summary>
    /// Queues an event from outside the systems (input, network, a timer) for the next tick, after the results of
    /// effects already run. Thread-safe.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    /// <param name="item">The event.</param>
    public void Post<TEvent>(TEvent item) => QueueFor<TEvent>().Add(item);

    /// <summary>The effects waiting to run (appended this tick by every system).</summary>
    public int PendingEffects
    {
        get
        {
            int count = 0;
            foreach (SystemContext context in _contexts)
            {
                foreach (IEffectLane lane in context.Lanes)
                {
                    count += lane.Pending;
                }
            }

            return count;
        }
    }

    internal void Bind(SystemContext[] contexts) => _contexts = contexts;

    /// <summary>The queue of <typeparamref name="T"/> events (created on first use).</summary>
    internal EventQueue<T> QueueFor<T>()
    {
        lock (_lock)
        {
            if (_queues.TryGetValue(typeof(T), out EventQueue? queue))
            {
                return (EventQueue<T>)queue;
            }

            var created = new EventQueue<T>();
            _queues.Add(typeof(T), created);
            _queueList.Add(created);
            return created;
        }
    }

    internal EffectHandler<T> HandlerFor<T>(string systemName)
    {
        lock (_lock)
        {
            if (_handlers.TryGetValue(typeof(T), out object? handler))
            {
                return (EffectHandler<T>)handler;
            }
        }

        throw new InvalidOperationException(
            $"System '{systemName}' emitted a {typeof(T).Name} effect but no handler is registered for it: call scheduler.Effects.Handle<{typeof(T).Name}, TResult>(...) before the first tick.");
    }

    /// <summary>Makes the events queued since the last tick visible to this tick (called at tick start).</summary>
    internal void FlipEvents()
    {
        // Under the lock: a system may open a new reader (QueueFor) from another thread; uncontended in steady state.
        lock (_lock)
        {
            for (int i = 0; i < _queueList.Count; i++)
            {
                _queueList[i].Flip();
            }
        }
    }

    /// <summary>
    /// Runs every waiting effect in plan order. Lanes of systems in <paramref name="discard"/> (failed this tick) are
    /// dropped. The first handler failure drops every effect not yet run and throws <see cref="EffectFailedException"/>.
    /// </summary>
    internal async ValueTask RunAsync(bool[]? discard, CancellationToken cancellationToken)
    {
        for (int s = 0; s < _contexts.Length; s++)
        {
            List<IEffectLane> lanes = _contexts[s].Lanes;
            for (int l = 0; l < lanes.Count; l++)
            {
                IEffectLane lane = lanes[l];
                if (lane.Pending == 0)
                {
                    continue;
                }

                if (discard is not null && discard[s])
                {
                    lane.Clear();
                    continue;
                }

                try
                {
                    ValueTask drain = lane.DrainAsync(this, cancellationToken);
                    if (!drain.IsCompletedSuccessfully)
                    {
                        await drain.ConfigureAwait(false);
                    }
                }
                catch (Exception exception)
                {
                    lane.Clear();
                    ClearAll();
                    throw new EffectFailedException(lane.SystemName, lane.EffectType, exception);
                }
            }
        }
    }

    /// <summary>Drops every waiting effect.</summary>
    internal void ClearAll()
    {
        foreach (SystemContext context in _contexts)
        {
            foreach (IEffectLane lane in context.Lanes)
            {
                lane.Clear();
            }
        }
    }

    private EffectRunner Register<TEffect>(EffectHandler<TEffect> handler)
    {
        lock (_lock)
        {
            if (!_handlers.TryAdd(typeof(TEffect), handler))
            {
                throw new InvalidOperationException($"{typeof(TEffect).Name} already has an effect handler; each effect type has exactly one.");
            }
        }

        return this;
    }
}
