using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Prom.Bus.Sqlite;
using Prom.Testing;
using Xunit;

namespace Prom.Bus.Client.Tests;

/// <summary>
/// The sample's network part (samples/Prom.Sample, GatewayDemo): its gateway in process, a Python child publishing
/// heartbeats with the Python client the sample's build generated, and the .NET projector consuming them. Runs the
/// built sample with the argument <c>gateway</c> and checks its report against the store it wrote.
/// </summary>
public sealed class SamplePythonPublisherTests
{
    [Fact]
    public async Task SampleGatewayPart_PythonChildPublishesWithTheGeneratedClient_AndTheProjectorConsumesEveryBeat()
    {
        (int hasWebsockets, string why) = await Toolchain.RunAsync(Toolchain.Python, ["-c", "import websockets"], Path.GetTempPath(), TimeSpan.FromSeconds(30));
        Assert.True(hasWebsockets == 0, $"{Toolchain.Python} cannot import websockets: run scripts/install-deps.sh (Debian package python3-websockets). {why}");
        string sample = Path.Combine(RepositoryLayout.Root(), "samples", "Prom.Sample", "bin",
            new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name, "net10.0", "Prom.Sample.dll");
        Assert.True(File.Exists(sample), $"The sample was not built at {sample}");
        using Toolchain.TempFolder output = Toolchain.Temp();

        (int exit, string report) = await Toolchain.RunAsync("dotnet", [sample, output.Path, "gateway"], output.Path, TimeSpan.FromSeconds(120));

        Assert.True(exit == 0, $"The sample failed ({exit}): {report}");
        Assert.DoesNotContain("skipped", report, StringComparison.Ordinal);
        Assert.Contains("published 20 heartbeats", report, StringComparison.Ordinal);
        Assert.Contains("the .NET projector consumed 20 of them (all)", report, StringComparison.Ordinal);

        // The store it wrote holds what the Python child published, through the gateway, as version 2 of the topic.
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddPromBus().UseSqlite(Path.Combine(output.Path, "gateway.db"));
        await using ServiceProvider provider = services.BuildServiceProvider();
        EventBus bus = provider.GetRequiredService<EventBus>();
        var beats = new List<EventRecord>();
#pragma warning disable PROM0306 // the sample's [Topic], declared in samples/Prom.Sample, not in this project
        await foreach (EventRecord r in bus.ReplayAsync("heartbeat.received", StartPosition.Earliest, TestWait.Seconds(20)))
#pragma warning restore PROM0306
        {
            beats.Add(r);
        }

        Assert.Equal(20, beats.Count);
        Assert.All(beats, r =>
        {
            Assert.Equal("2", r.Headers["x-schema-version"]);
            Assert.Equal("py-agent", r.Key);
            using JsonDocument payload = JsonDocument.Parse(r.Payload);
            Assert.Equal("python-child", payload.RootElement.GetProperty("host").GetString());
        });
        Assert.Equal(Enumerable.Range(64, 20), beats.Select(r => JsonDocument.Parse(r.Payload).RootElement.GetProperty("mem_mib").GetInt32()).Order());
    }
}
