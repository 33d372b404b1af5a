using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// What one system gets from the <see cref="Scheduler"/> when its runner is created: the world, its own
/// <see cref="OwnerToken"/> (named after the system), its own <see cref="CommandBuffer"/>, its own effect lanes, the
/// shared event readers and, for systems with constructor dependencies, the service provider. Contexts are created in
/// plan order, so owners and command buffers (whose playback order is creation order) are deterministic.
/// </summary>
[DebuggerDisplay("SystemContext {SystemName,nq}")]
public sealed class SystemContext
{
    private readonly EffectRunner _effects;

    /// <summary>The plan the system runs in (null for a context made outside a scheduler).</summary>
    private readonly SchedulePlan? _plan;

    private readonly bool _allowInPlace;

    internal SystemContext(World world, string systemName, int index, EffectRunner effects, IServiceProvider? services, SchedulePlan? plan = null, bool allowInPlace = false)
    {
        _plan = plan;
        _allowInPlace = allowInPlace;
        World = world;
        SystemName = systemName;
        Index = index;
        _effects = effects;
        Services = services;
        Owner = world.CreateOwner(systemName);
        Commands = world.CreateCommandBuffer(systemName);
    }

    /// <summary>The world the system runs on.</summary>
    public World World { get; }

    /// <summary>The system's name.</summary>
    public string SystemName { get; }

    /// <summary>The system's write capability; the generated runner calls <c>Owner.Own&lt;T&gt;()</c> per owned component.</summary>
    public OwnerToken Owner { get; }

    /// <summary>The system's command buffer (structural changes, applied at the end of the tick).</summary>
    public CommandBuffer Commands { get; }

    /// <summary>Services for systems with constructor dependencies; <c>null</c> when the scheduler was given none.</summary>
    public IServiceProvider? Services { get; }

    /// <summary>The system's index in <see cref="SchedulePlan.Systems"/>.</summary>
    internal int Index { get; }

    /// <summary>This system's effect lanes, in the order it opened them.</summary>
    internal List<IEffectLane> Lanes { get; } = new();

    /// <summary>
    /// This system's lane of <typeparamref name="TEffect"/> effects (the same lane on every call). Open it once, in
    /// the runner's constructor, and keep it: effects run after the commit in plan order, then lane-opening order.
    /// </summary>
    /// <typeparam name="TEffect">The effect type.</typeparam>
    public EffectWriter<TEffect> Effects<TEffect>()
    {
        foreach (IEffectLane lane in Lanes)
        {
            if (lane is EffectWriter<TEffect> existing)
            {
                return existing;
            }
        }

        var created = new EffectWriter<TEffect>(SystemName);
        Lanes.Add(created);
        return created;
    }

    /// <summary>
    /// The reader of <typeparamref name="TEvent"/> events: results of effects run after the previous tick. Every system
    /// shares one reader per event type; open it once in the runner's constructor and keep it.
    /// </summary>
    /// <typeparam name="TEvent">The event type.</typeparam>
    public EventReader<TEvent> Events<TEvent>() => _effects.QueueFor<TEvent>().Reader;

    /// <summary>
    /// Called by generated per-entity runners for every component they own: when no other system of the plan reads
    /// <typeparamref name="T"/> (the plan, generated at compile time, lists every system's reads), the system updates it
    /// in place (<see cref="World.UpdateInPlace{T}"/>) and this returns true. A per-entity update reads a row only before
    /// writing it, so in place and double-buffered give the same values; nobody else can observe the difference, and a
    /// read from outside the plan during a tick throws instead of seeing a half-updated value.
    /// </summary>
    /// <typeparam name="T">A component this system owns.</typeparam>
    /// <param name="componentName">The component's name as the plan lists it (namespace-qualified).</param>
    public bool UpdateInPlaceIfUnread<T>(string componentName) where T : unmanaged, IStruct<T>
    {
        if (!_allowInPlace || _plan is null)
        {
            return false;
        }

        foreach (SystemPlan system in _plan.SystemArray)
        {
            if (system.Name != SystemName && Contains(system.Reads, componentName))
            {
                return false;
            }
        }

        World.UpdateInPlace<T>(Owner);
        return true;
    }

    private static bool Contains(IReadOnlyList<string> names, string name)
    {
        foreach (string candidate in names)
        {
            if (candidate == name)
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc/>
    public override string ToString() => SystemName;
}
