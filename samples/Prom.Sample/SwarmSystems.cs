using System;
using Prom;
using Prom.Ecs;
using Prom.Ecs.Simd;

namespace Prom.Sample;

/// <summary>How many particles to spawn and how far they may wander (a world resource).</summary>
public struct SwarmSettings
{
    public int Particles;
    public float EscapeRadius;
}

/// <summary>The swarm's centre as of the previous tick, and this tick's running sums (a world resource).</summary>
public struct SwarmCentre
{
    public float X;
    public float Y;
    public long Tick;
    public double SumX;
    public double SumY;
    public int Count;
}

/// <summary>An effect: a particle went further than the escape radius. Plain data; the handler runs after the tick.</summary>
public readonly record struct Escaped(Entity Particle, float Distance);

/// <summary>Startup: spawns the swarm through the system's command buffer (played back before the first tick).</summary>
[System(Stage = "startup")]
public partial class Spawn
{
    public void Run(CommandBuffer commands, in SwarmSettings settings)
    {
        var random = new Random(42);
        for (int i = 0; i < settings.Particles; i++)
        {
            Entity particle = commands.Create();
            commands.Add(particle, new Position { X = (float)(random.NextDouble() * 200 - 100), Y = (float)(random.NextDouble() * 200 - 100) });
            commands.Add(particle, new Velocity { X = (float)(random.NextDouble() * 20 - 10), Y = (float)(random.NextDouble() * 20 - 10) });
        }
    }
}

/// <summary>Per entity: pulls every velocity toward the centre. Owns Velocity; reads Position (prev) and the centre.</summary>
[System]
public partial class Steering
{
    public void Run(ref Velocity velocity, in Position position, in SwarmCentre centre, in FrameTime time)
    {
        velocity.X += (centre.X - position.X) * 0.5f * time.DeltaSeconds;
        velocity.Y += (centre.Y - position.Y) * 0.5f * time.DeltaSeconds;
    }
}

/// <summary>Per chunk: integrates positions over whole columns with a SIMD kernel. Owns Position; reads Velocity (prev).</summary>
[System]
public partial class Movement
{
    public void Run(PositionWriteColumns position, VelocityReadColumns velocity, in FrameTime time)
    {
        SoaKernels.MultiplyAdd(position.NextX, position.NextY, position.X, position.Y, velocity.X, velocity.Y, time.DeltaSeconds);
        position.Columns.MarkAllChanged();
    }
}

/// <summary>
/// Late, per chunk: sums positions into the centre resource; the first chunk of a tick publishes the previous tick's
/// sums as the centre that Steering reads next tick.
/// </summary>
[System(Stage = "late")]
public partial class MeasureCentre
{
    public void Run(PositionReadColumns position, ref SwarmCentre centre, in FrameTime time)
    {
        if (centre.Tick != time.Tick)
        {
            if (centre.Count > 0) (centre.X, centre.Y) = ((float)(centre.SumX / centre.Count), (float)(centre.SumY / centre.Count));
            (centre.SumX, centre.SumY, centre.Count, centre.Tick) = (0, 0, 0, time.Tick);
        }

        for (int row = 0; row < position.Count; row++)
        {
            centre.SumX += position.X[row];
            centre.SumY += position.Y[row];
        }

        centre.Count += position.Count;
    }
}

/// <summary>Late, per entity: reports particles beyond the escape radius as effects (it never changes state itself).</summary>
[System(Stage = "late", After = new[] { nameof(MeasureCentre) })]
public partial class WatchEscapes
{
    public void Run(Entity particle, in Position position, in SwarmCentre centre, in SwarmSettings settings, EffectWriter<Escaped> escapes)
    {
        float dx = position.X - centre.X, dy = position.Y - centre.Y;
        float distance = MathF.Sqrt(dx * dx + dy * dy);
        if (distance > settings.EscapeRadius) escapes.Add(new Escaped(particle, distance));
    }
}
