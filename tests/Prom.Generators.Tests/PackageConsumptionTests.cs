using System;
using System.IO;
using Xunit;

namespace Prom.Generators.Tests;

/// <summary>
/// Packs Prom.Generators, then creates a brand-new console project outside the solution that adds the package
/// from a local folder feed, declares [Struct]s, builds, runs, and prints what it computed, as a new user would.
/// </summary>
public sealed class PackageConsumptionTests : IDisposable
{
    private static readonly TimeSpan s_limit = TimeSpan.FromMinutes(8);
    private readonly string _work = Path.Combine(Path.GetTempPath(), "prom-package-test-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        try { Directory.Delete(_work, recursive: true); } catch (IOException) { } // best effort: temp files only
    }

    [Fact]
    public void FreshConsoleProject_UsesThePackedGeneratorsAnalyzersAndRuntime()
    {
        string feed = Path.Combine(_work, "feed");
        // A version no earlier run used, so the NuGet cache cannot serve a stale copy.
        string version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff");
        var pack = DotnetCli.Run(DotnetCli.RepositoryRoot(), s_limit,
            "pack", "src/Prom.Generators/Prom.Generators.csproj", "-c", "Release", "-o", feed,
            "-p:Version=" + version, "--artifacts-path", Path.Combine(_work, "artifacts"));
        Assert.True(pack.ExitCode == 0, "pack failed:\n" + pack.Output);
        Assert.True(File.Exists(Path.Combine(feed, $"Prom.Generators.{version}.nupkg")), "no package in " + feed);

        string app = CreateConsoleProject("App", feed, version, """
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
        var run = DotnetCli.Run(app, s_limit, "run", "-c", "Release");
        Assert.True(run.ExitCode == 0, "run failed:\n" + run.Output);
        Assert.Contains("size=16 align=4", run.Output);
        Assert.Contains("format=>H2x2f?3x", run.Output);
        Assert.Contains("back=3,3,-2,False", run.Output);
        Assert.Contains("columns=sensor,values_0,values_1,ok", run.Output);
        Assert.Contains("heat=21.5", run.Output);
        Assert.Contains("system=14 plan=1", run.Output);

        // The analyzers ship in the same package and load in a user's build.
        string broken = CreateConsoleProject("Broken", feed, version, """
            using Prom;
            System.Console.WriteLine("unreachable");
            [Struct] public struct NotPartial { }
            """);
        var build = DotnetCli.Run(broken, s_limit, "build", "-c", "Release");
        Assert.NotEqual(0, build.ExitCode);
        Assert.Contains("PROM0001", build.Output);
        Assert.Contains("'NotPartial' is marked [Struct] but is not partial", build.Output);
    }

    private string CreateConsoleProject(string name, string feed, string version, string program)
    {
        string directory = Path.Combine(_work, name);
        Directory.CreateDirectory(directory);
        File.WriteAllText(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk">
              <PropertyGroup>
                <OutputType>Exe</OutputType>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
                <PackageReference Include="Prom.Generators" Version="{version}" />
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="prom-local" value="{feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return directory;
    }
}
