using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// The world resource the <see cref="Scheduler"/> sets before every tick: read it with
/// <c>world.Resource&lt;FrameTime&gt;()</c> (or declare it as a read resource of a system).
/// </summary>
[DebuggerDisplay("Tick {Tick}, dt {DeltaSeconds}, t {ElapsedSeconds}")]
public struct FrameTime
{
    /// <summary>The step of this tick in seconds (0 for the startup tick).</summary>
    public float DeltaSeconds;

    /// <summary>Simulated seconds since the first tick, including this tick's step.</summary>
    public double ElapsedSeconds;

    /// <summary>The world tick being run: <see cref="World.Tick"/> at its start (0 for the first tick).</summary>
    public long Tick;
}
