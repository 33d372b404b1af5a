using Xunit;

namespace Prom.Generators.Tests;

/// <summary>
/// A brand-new console project that adds the packed package from a local folder feed, declares [Struct]s,
/// components and a system, builds, runs, and prints what it computed, as a new user would.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class PackageConsumptionTests
{
    private readonly PackedFeed _feed;

    public PackageConsumptionTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public void FreshConsoleProject_UsesThePackedGeneratorsAnalyzersAndRuntime()
    {
        string app = _feed.CreateConsoleProject("App", """
            using System;
            using System.IO;
            using System.Linq;
            using Prom;

            var readings = new Reading[3];
            for (int i = 0; i < readings.Length; i++)
            {
                readings[i].Sensor = (ushort)(i + 1);
                readings[i].Values[0] = i * 1.5f;
                readings[i].Values[1] = -i;
                readings[i].Ok = i != 1;
            }
            byte[] bytes = new byte[readings.Length * Reading.Layout.Size];
            Reading.WriteAll(readings, bytes, bigEndian: true);
            string path = Path.Combine(AppContext.BaseDirectory, "readings.bin");
            File.WriteAllBytes(path, bytes);
            var back = new Reading[3];
            Reading.ReadAll(File.ReadAllBytes(path), back, bigEndian: true);
            Console.WriteLine($"size={Reading.Layout.Size} align={Reading.Layout.Alignment}");
            Console.WriteLine($"format={Reading.Layout.PythonStructFormat(bigEndian: true)}");
            Console.WriteLine($"back={back[2].Sensor},{back[2].Values[0]},{back[2].Values[1]},{back[1].Ok}");
            Console.WriteLine($"columns={string.Join(",", Reading.Layout.Leaves.Select(l => l.Column))}");

            var world = new Prom.Ecs.World();
            Prom.Generated.PromComponents.RegisterAll(world);
            var e = world.Create(new Heat { Celsius = 20 });
            var owner = world.CreateOwner("Heater").Own<Heat>();
            world.BeginTick();
            foreach (var chunk in world.Query().All<Heat>().Build().Chunks())
            {
                HeatWriteColumns heat = chunk.WriteHeat(owner);
                for (int row = 0; row < heat.Count; row++) { heat[row].NextCelsius = heat[row].Celsius + 1.5f; heat.MarkChanged(row); }
            }
            world.EndTick();
            Console.WriteLine($"heat={world.Get<Heat>(e).Celsius}");

            // A [System] from the package: the generated runner and schedule, run by the scheduler.
            var systemsWorld = new Prom.Ecs.World();
            var warmed = systemsWorld.Create(new Heat { Celsius = 10 });
            using (var scheduler = Prom.Generated.PromSystems.CreateScheduler(systemsWorld))
            {
                scheduler.Tick(0.5f);
                scheduler.Tick(0.5f);
            }
            Console.WriteLine($"system={systemsWorld.Get<Heat>(warmed).Celsius} plan={Prom.Generated.PromSystems.Plan.Systems.Count}");

            [Struct]
            public partial struct Reading
            {
                public partial ushort Sensor { get; set; }
                [Length(2)] public partial Span<float> Values { get; }
                public partial bool Ok { get; set; }
            }

            [Struct, Component]
            public partial struct Heat
            {
                public partial float Celsius { get; set; }
            }

            [System]
            public partial class Warming
            {
                public void Run(ref Heat heat, in Prom.Ecs.FrameTime time) => heat.Celsius += 4 * time.DeltaSeconds;
            }
            """);
        var build = DotnetCli.Run(app, PackedFeed.Limit, "build", "-c", "Release");
        Assert.True(build.ExitCode == 0, "build failed:\n" + build.Output);
        Assert.True(DotnetCli.Warnings(build.Output).Count == 0, "a consumer's build must print no warning:\n" + build.Output);
        var run = DotnetCli.Run(app, PackedFeed.Limit, "run", "-c", "Release", "--no-build");
        Assert.True(run.ExitCode == 0, "run failed:\n" + run.Output);
        Assert.Contains("size=16 align=4", run.Output);
        Assert.Contains("format=>H2x2f?3x", run.Output);
        Assert.Contains("back=3,3,-2,False", run.Output);
        Assert.Contains("columns=sensor,values_0,values_1,ok", run.Output);
        Assert.Contains("heat=21.5", run.Output);
        Assert.Contains("system=14 plan=1", run.Output);
    }
}
