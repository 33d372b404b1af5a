using System;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>
/// The untyped face of one system's <see cref="EffectWriter{T}"/>, so the <see cref="EffectRunner"/> can drain every
/// lane in plan order without knowing its effect type.
/// </summary>
internal interface IEffectLane
{
    /// <summary>The system that writes this lane.</summary>
    string SystemName { get; }

    /// <summary>The effect type.</summary>
    Type EffectType { get; }

    /// <summary>Effects waiting.</summary>
    int Pending { get; }

    /// <summary>Hands every waiting effect, in order, to its handler and clears the lane.</summary>
    ValueTask DrainAsync(EffectRunner runner, CancellationToken cancellationToken);

    /// <summary>Drops every waiting effect.</summary>
    void Clear();
}
