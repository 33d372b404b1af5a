using System.Threading;
using System.Threading.Tasks;

namespace Prom.Ecs;

/// <summary>
/// One system bound to one world: what the <c>[System]</c> generator emits per system, and what the
/// <see cref="Scheduler"/> calls each tick as <see cref="ShouldRun"/> → <see cref="Prepare"/> →
/// <see cref="RunAsync"/> (awaited) → <see cref="Cleanup"/>.
/// </summary>
/// <remarks>
/// A runner is never called concurrently with itself: ticks never overlap and a system appears once in a plan.
/// Runners of one batch run in parallel with each other, so a runner touches only its own owner, command buffer and
/// effect lanes, reads <c>prev</c>, and reads or writes only the resources its plan declares.
/// </remarks>
public interface ISystemRunner
{
    /// <summary>The system's name (the same as in its <see cref="SystemPlan"/>).</summary>
    string Name { get; }

    /// <summary>False to skip this tick (e.g. <c>SkipIfEmpty</c> with an empty query); then nothing else is called.</summary>
    bool ShouldRun();

    /// <summary>Called before <see cref="RunAsync"/> every tick the system runs.</summary>
    void Prepare();

    /// <summary>Runs the system for this tick. Synchronous systems return <c>default</c>.</summary>
    /// <param name="cancellationToken">Cancelled when the tick is aborted.</param>
    ValueTask RunAsync(CancellationToken cancellationToken);

    /// <summary>Called after <see cref="RunAsync"/> completes, also when it threw.</summary>
    void Cleanup();
}
