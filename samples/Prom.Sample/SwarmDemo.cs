using System;
using Prom.Ecs;
using Prom.Ecs.Simd;

namespace Prom.Sample;

/// <summary>
/// [Component] + Prom.Ecs: a particle swarm. Two owners write their own component each tick: "Steering" pulls every
/// velocity toward the swarm's centre (per-entity generated views), "Movement" integrates positions with a SIMD kernel
/// over whole column spans. Both read the previous tick's values; the world swaps the buffers at the tick boundary.
/// </summary>
internal static class SwarmDemo
{
    private const float Dt = 1f / 60;

    public static void Run(int particles = 20_000, int seconds = 3)
    {
        var world = new World();
        Prom.Generated.PromComponents.RegisterAll(world); // ids in declaration order
        var random = new Random(42);
        for (int i = 0; i < particles; i++)
        {
            world.Create(
                new Position { X = (float)(random.NextDouble() * 200 - 100), Y = (float)(random.NextDouble() * 200 - 100) },
                new Velocity { X = (float)(random.NextDouble() * 20 - 10), Y = (float)(random.NextDouble() * 20 - 10) });
        }

        OwnerToken steering = world.CreateOwner("Steering").Own<Velocity>();
        OwnerToken movement = world.CreateOwner("Movement").Own<Position>();
        Query swarm = world.Query().All<Position>().All<Velocity>().Build();

        Console.WriteLine($"[Component] swarm: {particles:N0} particles, {world.ComponentCount} component types, 60 ticks per simulated second");
        (float cx, float cy) = Centre(swarm);
        for (int tick = 1; tick <= seconds * 60; tick++)
        {
            world.BeginTick();
            foreach (QueryChunk chunk in swarm.Chunks())
            {
                // Steering: per-entity views; reads prev of both components, writes next of Velocity.
                PositionReadColumns position = chunk.ReadPosition();
                VelocityWriteColumns velocity = chunk.WriteVelocity(steering);
                for (int row = 0; row < velocity.Count; row++)
                {
                    PositionView p = position[row];
                    VelocityWriteView v = velocity[row];
                    v.NextX = v.X + (cx - p.X) * 0.5f * Dt;
                    v.NextY = v.Y + (cy - p.Y) * 0.5f * Dt;
                }
                velocity.Columns.MarkAllChanged();

                // Movement: whole columns at once with the SIMD kernel: next = prev + velocity * dt.
                PositionWriteColumns moved = chunk.WritePosition(movement);
                VelocityReadColumns speed = chunk.ReadVelocity();
                SoaKernels.MultiplyAdd(moved.NextX, moved.X, speed.X, Dt);
                SoaKernels.MultiplyAdd(moved.NextY, moved.Y, speed.Y, Dt);
                moved.Columns.MarkAllChanged();
            }
            world.EndTick();

            (cx, cy) = Centre(swarm);
            if (tick % 60 == 0)
            {
                Console.WriteLine($"  t={tick / 60}s  centre=({cx,7:F2}, {cy,7:F2})  spread={Spread(swarm, cx, cy),7:F2}  changed={world.Query().Changed<Position>().Build().Count():N0}");
            }
        }
    }

    private static (float X, float Y) Centre(Query swarm)
    {
        double x = 0, y = 0;
        int count = 0;
        foreach (QueryChunk chunk in swarm.Chunks())
        {
            PositionReadColumns position = chunk.ReadPosition();
            for (int row = 0; row < position.Count; row++)
            {
                x += position.X[row];
                y += position.Y[row];
            }
            count += position.Count;
        }
        return count == 0 ? (0, 0) : ((float)(x / count), (float)(y / count));
    }

    private static float Spread(Query swarm, float cx, float cy)
    {
        double sum = 0;
        int count = 0;
        foreach (QueryChunk chunk in swarm.Chunks())
        {
            PositionReadColumns position = chunk.ReadPosition();
            for (int row = 0; row < position.Count; row++)
            {
                sum += MathF.Sqrt((position.X[row] - cx) * (position.X[row] - cx) + (position.Y[row] - cy) * (position.Y[row] - cy));
            }
            count += position.Count;
        }
        return count == 0 ? 0 : (float)(sum / count);
    }
}
