using System;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>A synchronous handler with no result (fire and forget, still run in order after the commit).</summary>
internal sealed class ActionEffectHandler<TEffect>(Action<TEffect> handler) : EffectHandler<TEffect>
{
    internal override bool IsSynchronous => true;

    internal override void Handle(TEffect effect) => handler(effect);

    internal override ValueTask HandleAsync(TEffect effect, CancellationToken cancellationToken)
    {
        handler(effect);
        return default;
    }
}
