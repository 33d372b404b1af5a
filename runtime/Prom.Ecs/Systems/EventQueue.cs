namespace Prom.Ecs;

/// <summary>The untyped face of <see cref="EventQueue{T}"/>, flipped by the scheduler at the start of every tick.</summary>
internal abstract class EventQueue
{
    /// <summary>Events queued for the next tick.</summary>
    internal abstract int PendingCount { get; }

    /// <summary>Makes the pending events visible (the previous visible ones are dropped).</summary>
    internal abstract void Flip();
}
