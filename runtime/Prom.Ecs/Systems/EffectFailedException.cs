using System;

namespace Prom.Ecs;

/// <summary>
/// Thrown by a tick when an effect handler failed (or an effect type has no handler). The tick's commit had already
/// completed; effects not yet run in that tick were dropped; results already produced still arrive next tick.
/// </summary>
public sealed class EffectFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="systemName">The system that emitted the effect.</param>
    /// <param name="effectType">The effect type.</param>
    /// <param name="inner">The handler's exception.</param>
    public EffectFailedException(string systemName, Type effectType, Exception inner)
        : base($"A {effectType.Name} effect emitted by system '{systemName}' failed: {inner.Message}", inner)
    {
        SystemName = systemName;
        EffectType = effectType;
    }

    /// <summary>The system that emitted the effect.</summary>
    public string SystemName { get; }

    /// <summary>The effect type.</summary>
    public Type EffectType { get; }
}
