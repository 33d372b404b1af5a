using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using Xunit;

namespace Prom.Generators.Tests;

/// <summary>
/// Packs Prom.Generators once for every CLI test into a temporary folder feed, with a version no earlier run used
/// (the NuGet cache would otherwise serve a stale copy of a re-packed version), and creates consumer projects that
/// reference it the way a new user would: a fresh folder outside the solution with its own nuget.config.
/// The pack reuses the solution's build (<c>--no-build</c>, same configuration as this test assembly): packing must
/// not rebuild runtime projects that other test projects are using.
/// </summary>
public sealed class PackedFeed : IDisposable
{
    /// <summary>Upper bound for one CLI command.</summary>
    public static readonly TimeSpan Limit = TimeSpan.FromMinutes(8);

    public PackedFeed()
    {
        Work = Path.Combine(Path.GetTempPath(), "prom-package-test-" + Guid.NewGuid().ToString("N"));
        Feed = Path.Combine(Work, "feed");
        Version = "0.1.0-test." + DateTime.UtcNow.ToString("yyyyMMddHHmmssfff", System.Globalization.CultureInfo.InvariantCulture);
        string configuration = typeof(PackedFeed).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        Package = PackProject("src/Prom.Generators/Prom.Generators.csproj", "Prom.Generators", configuration);
        _serverTool = new Lazy<string>(() => PackProject("runtime/Prom.Bus.Server/Prom.Bus.Server.csproj", "Prom.Bus.Server", configuration));
    }

    private string PackProject(string project, string packageId, string configuration)
    {
        var pack = DotnetCli.Run(DotnetCli.RepositoryRoot(), Limit,
            "pack", project, "-c", configuration, "--no-build", "-p:BuildProjectReferences=false", "-o", Feed, "-p:Version=" + Version);
        string package = Path.Combine(Feed, $"{packageId}.{Version}.nupkg");
        if (pack.ExitCode != 0 || !File.Exists(package)) throw new InvalidOperationException($"pack of {project} failed:\n" + pack.Output);
        return package;
    }

    /// <summary>
    /// Packs the ready server (<c>runtime/Prom.Bus.Server</c>, a .NET tool) into the same feed with the same version,
    /// once, on first use; returns its .nupkg. Like the main pack it reuses the solution's build.
    /// </summary>
    public string ServerToolPackage => _serverTool.Value;

    private readonly Lazy<string> _serverTool;

    /// <summary>The temporary folder of this run (deleted at the end).</summary>
    public string Work { get; }

    /// <summary>The folder feed.</summary>
    public string Feed { get; }

    /// <summary>The packed version.</summary>
    public string Version { get; }

    /// <summary>The .nupkg file.</summary>
    public string Package { get; }

    /// <summary>
    /// A fresh console project referencing the package from the feed, with <paramref name="program"/> as Program.cs, and
    /// the <paramref name="otherPackages"/> a user would add next to it (at the versions pinned in Directory.Packages.props).
    /// </summary>
    public string CreateConsoleProject(string name, string program, params string[] otherPackages)
    {
        string others = string.Concat(otherPackages.Select(p => $"\n    <PackageReference Include=\"{p}\" Version=\"{PinnedVersion(p)}\" />"));
        string directory = Path.Combine(Work, name);
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
                <PackageReference Include="Prom.Generators" Version="{Version}" />{others}
              </ItemGroup>
            </Project>
            """);
        File.WriteAllText(Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="prom-local" value="{Feed}" />
              </packageSources>
            </configuration>
            """);
        File.WriteAllText(Path.Combine(directory, "Program.cs"), program);
        return directory;
    }

    /// <summary>The version Directory.Packages.props pins for <paramref name="package"/>.</summary>
    private static string PinnedVersion(string package)
    {
        string pins = File.ReadAllText(Path.Combine(DotnetCli.RepositoryRoot(), "Directory.Packages.props"));
        Match pin = Regex.Match(pins, $"<PackageVersion Include=\"{Regex.Escape(package)}\" Version=\"(?<v>[^\"]+)\"");
        return pin.Success ? pin.Groups["v"].Value : throw new InvalidOperationException($"{package} is not pinned in Directory.Packages.props");
    }

    public void Dispose()
    {
        try { Directory.Delete(Work, recursive: true); } catch (IOException) { } // best effort: temp files only
    }
}

/// <summary>The CLI tests share one pack.</summary>
[CollectionDefinition(Name)]
public sealed class PackedFeedCollection : ICollectionFixture<PackedFeed>
{
    public const string Name = "packed feed";
}
