using System;
using Prom.Ecs;

namespace Prom.Sample;

/// <summary>
/// [Component] + [System] + Prom.Ecs: a particle swarm run by the generated schedule (see SwarmSystems.cs). Startup
/// spawns the particles; each tick "Steering" (per entity) and "Movement" (per chunk, SIMD) own one component each and
/// run in the same batch because both read only the previous tick's values; the late stage measures the centre and
/// reports escaped particles as effects, which a handler consumes after the tick.
/// </summary>
internal static class SwarmDemo
{
    private const float Dt = 1f / 60;

    public static void Run(int particles = 20_000, int seconds = 3)
    {
        var world = new World();
        Prom.Generated.PromComponents.RegisterAll(world); // ids in declaration order
        world.SetResource(new SwarmSettings { Particles = particles, EscapeRadius = 120 });
        world.SetResource(new SwarmCentre());

        using Scheduler scheduler = Prom.Generated.PromSystems.CreateScheduler(world);
        int escapes = 0;
        scheduler.Effects.Handle<Escaped>(_ => escapes++);

        Console.WriteLine($"[System] swarm: {particles:N0} particles, {Prom.Generated.PromSystems.Plan.Systems.Count} systems, 60 ticks per simulated second");
        Console.WriteLine("  schedule (Mermaid, computed at compile time):");
        foreach (string line in Prom.Generated.PromSystems.Mermaid.TrimEnd().Split('\n')) Console.WriteLine("    " + line);

        for (int tick = 1; tick <= seconds * 60; tick++)
        {
            scheduler.Tick(Dt);
            if (tick % 60 == 0)
            {
                SwarmCentre centre = world.Resource<SwarmCentre>();
                Console.WriteLine($"  t={tick / 60}s  centre=({centre.X,7:F2}, {centre.Y,7:F2})  entities={world.Query().All<Position>().Build().Count():N0}  changed={world.Query().Changed<Position>().Build().Count():N0}  escape effects so far={escapes:N0}");
            }
        }
    }
}
