using System;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>A synchronous handler whose result becomes an event of the next tick.</summary>
internal sealed class SyncEffectHandler<TEffect, TResult>(Func<TEffect, TResult> handler, EventQueue<TResult> results) : EffectHandler<TEffect>
{
    internal override bool IsSynchronous => true;

    internal override void Handle(TEffect effect) => results.Add(handler(effect));

    internal override ValueTask HandleAsync(TEffect effect, CancellationToken cancellationToken)
    {
        Handle(effect);
        return default;
    }
}
