using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Prom.ClientFiles;
using Prom.Clients.Tests.Harness;
using Prom.Testing;
using Xunit;

namespace Prom.Clients.Tests;

/// <summary>The emitted clients through the real type checkers, with usage files whose expected errors must fire.</summary>
public sealed class ToolchainTests
{

    [Fact]
    public async Task EmittedTypeScript_PassesTscStrict_AndRejectsWrongPayloads()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        foreach ((string path, string text) in ClientRun.FilesOfFleet.Where(f => f.Key.StartsWith("typescript/", StringComparison.Ordinal)))
        {
            File.WriteAllText(Path.Combine(temp.Path, Path.GetFileName(path)), text);
        }
        foreach (string file in Directory.GetFiles(Path.Combine(Toolchain.NodeFolder, "checks")))
        {
            File.Copy(file, Path.Combine(temp.Path, Path.GetFileName(file)));
        }

        (int exit, string output) = await Toolchain.RunAsync("node", new[] { Toolchain.Tsc, "-p", "tsconfig.json" }, temp.Path, TimeSpan.FromMinutes(2));
        Assert.True(exit == 0, "tsc --strict failed (an unused ts-expect-error means a wrong payload was accepted):\n" + output);
    }

    [Fact]
    public async Task EmittedPython_PassesMypyStrict_AndRejectsWrongPayloads()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        ClientFileWriter.Write(ClientRun.FilesOfFleet.Where(f => f.Key.StartsWith("python/", StringComparison.Ordinal)).ToDictionary(f => f.Key, f => f.Value), temp.Path);
        string package = Path.Combine(temp.Path, "python");
        File.Copy(Path.Combine(AppContext.BaseDirectory, "python", "fleet_usage.py"), Path.Combine(package, "fleet_usage.py"));

        (int exit, string output) = await Toolchain.RunAsync(Toolchain.Mypy,
            new[] { "--strict", "--warn-unused-ignores", "--no-incremental", "--python-executable", Toolchain.Python, "fleet_contracts", "fleet_usage.py" },
            package, TimeSpan.FromMinutes(3));
        Assert.True(exit == 0, "mypy --strict failed (an unused 'type: ignore' means a wrong payload was accepted):\n" + output);
    }

    [Fact]
    public async Task EmittedPython_ImportsAndDescribesTheTopics()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        ClientFileWriter.Write(ClientRun.FilesOfFleet, temp.Path);
        (int exit, string output) = await Toolchain.RunAsync(Toolchain.Python, new[] { "-c",
            "import typing, fleet_contracts as f; print(f.TOPICS['fleet.host.report'].versions, f.TOPICS['fleet.host.report'].latest, f.TOPICS['fleet.alert'].key, typing.get_args(f.Health), sorted(f.Alert.__required_keys__), sorted(f.HostReportV2.__optional_keys__))" },
            Path.Combine(temp.Path, "python"), TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        Assert.Equal("(1, 2) 2 host ('Down', 'Unknown', 'Ok', 'Degraded') ['alert-level', 'from', 'history', 'host'] ['ports', 'top', 'zone']", output.Trim());
    }
}
