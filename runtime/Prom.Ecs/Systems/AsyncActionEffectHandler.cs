using System;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>An asynchronous handler with no result.</summary>
internal sealed class AsyncActionEffectHandler<TEffect>(Func<TEffect, CancellationToken, ValueTask> handler) : EffectHandler<TEffect>
{
    internal override bool IsSynchronous => false;

    internal override void Handle(TEffect effect) => throw new InvalidOperationException("Asynchronous handlers are awaited.");

    internal override ValueTask HandleAsync(TEffect effect, CancellationToken cancellationToken) => handler(effect, cancellationToken);
}
