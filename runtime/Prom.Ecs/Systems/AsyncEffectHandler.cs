using System;
using System.Runtime.CompilerServices;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>An asynchronous handler whose result becomes an event of the next tick.</summary>
internal sealed class AsyncEffectHandler<TEffect, TResult>(Func<TEffect, CancellationToken, ValueTask<TResult>> handler, EventQueue<TResult> results) : EffectHandler<TEffect>
{
    internal override bool IsSynchronous => false;

    internal override void Handle(TEffect effect) => throw new InvalidOperationException("Asynchronous handlers are awaited.");

    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder))]
    internal override async ValueTask HandleAsync(TEffect effect, CancellationToken cancellationToken) =>
        results.Add(await handler(effect, cancellationToken).ConfigureAwait(false));
}
