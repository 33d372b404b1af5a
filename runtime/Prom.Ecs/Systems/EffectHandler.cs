using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>The registered handler of one effect type; delivers its result (if any) to the next tick's events.</summary>
/// <typeparam name="TEffect">The effect type.</typeparam>
internal abstract class EffectHandler<TEffect>
{
    /// <summary>True when <see cref="Handle"/> may be used (no awaiting, no allocation).</summary>
    internal abstract bool IsSynchronous { get; }

    /// <summary>Runs a synchronous handler.</summary>
    internal abstract void Handle(TEffect effect);

    /// <summary>Runs the handler and awaits it.</summary>
    internal abstract ValueTask HandleAsync(TEffect effect, CancellationToken cancellationToken);
}
