using System;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Security.Cryptography;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Prom.Bus;
using Prom.Bus.Gateway;
using Prom.Bus.Gateway.Security;
using Prom.Bus.Sqlite;
using Prom.Generated;
using Prom.Topics;
using Prom.Topics.Gateway;

namespace Prom.Sample;

/// <summary>
/// The bus over the network: the gateway runs in this process (Kestrel on 127.0.0.1, an ephemeral port, a SQLite
/// store), a Python child process publishes heartbeats over WebSocket with the Python client the build generated from
/// the sample's [Topic]s (clients/python/prom_sample), the gateway checks each payload against the generated schema,
/// and the .NET projector of <see cref="BusDemo"/> consumes them. Skipped with a note when /usr/bin/python3 or its
/// websockets package is missing. Bounded: the child is killed when it overstays, the host always stops.
/// </summary>
internal static class GatewayDemo
{
    private const string Python = "/usr/bin/python3"; // Debian's, with python3-websockets (the python3 first on PATH may lack it)
    private const int Beats = 20;
    private static readonly TimeSpan s_limit = TimeSpan.FromSeconds(30);

    public static async Task<bool> RunAsync(string outputDirectory)
    {
        if (WhyPythonCannotRun() is { } why)
        {
            Console.WriteLine($"[Gateway] skipped: {why}");
            return true;
        }

        string path = Path.Combine(outputDirectory, "gateway.db");
        foreach (string file in new[] { path, path + "-wal", path + "-shm" }) File.Delete(file);
        string token = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)); // for this run only

        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Services.AddSingleton<BusDemo.Projection>();
        builder.Services.AddPromBus()
            .UseSqlite(path)
            .AddConsumer<BusDemo.ProcessStateProjector, HeartbeatV2>(HeartbeatV2Topic.Name, "projector");
        builder.Services.AddPromTopics();
        builder.Services.AddPromTopicsGatewayPolicy(); // a PUBLISH must match the generated schema of its version
        builder.Services.AddPromBusGateway(o => o.Tokens.Add(new GatewayToken
        {
            Token = token, Name = "python-agent", Scopes = [$"publish:{HeartbeatV2Topic.Name}"],
        }));
        await using WebApplication app = builder.Build();
        app.UsePromBusGateway("/bus");
        await app.StartAsync();
        try
        {
            var http = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            string url = $"ws://127.0.0.1:{http.Port}/bus";
            (int exit, string output, int pid) = await RunPublisherAsync(url, token);
            if (exit != 0) throw new InvalidOperationException($"The Python publisher failed ({exit}): {output}");

            BusDemo.Projection projection = app.Services.GetRequiredService<BusDemo.Projection>();
            bool done = await projection.WaitForAsync(Beats, s_limit);
            Console.WriteLine($"[Gateway] {url}: a Python child process (pid {pid}, /usr/bin/python3 + websockets) {output.Trim()} " +
                              "with the generated client prom_sample.TopicsClient; the gateway checked each against the generated schema");
            Console.WriteLine($"  the .NET projector consumed {projection.Handled} of them ({(done ? "all" : "NOT all")}) from the gateway's SQLite store {path}");
            return done;
        }
        finally
        {
            await app.StopAsync(); // graceful: connections close 1001, the consumer finishes its in-flight work
        }
    }

    /// <summary>Runs clients/python/heartbeat_publisher.py against <paramref name="url"/>; kills it when it overstays.</summary>
    private static async Task<(int Exit, string Output, int Pid)> RunPublisherAsync(string url, string token)
    {
        string clients = ClientsDirectory();
        var start = new ProcessStartInfo(Python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            Environment = { ["PYTHONPATH"] = Path.Combine(clients, "python"), ["PYTHONDONTWRITEBYTECODE"] = "1" },
        };
        foreach (string arg in new[] { Path.Combine(AppContext.BaseDirectory, "heartbeat_publisher.py"), url, token, Beats.ToString() }) start.ArgumentList.Add(arg);
        using Process child = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {Python}.");
        Task<string> stdout = child.StandardOutput.ReadToEndAsync();
        Task<string> stderr = child.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(s_limit);
        try
        {
            await child.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            return (-1, $"killed after {s_limit.TotalSeconds} s. {await stdout}{await stderr}", child.Id);
        }

        return (child.ExitCode, child.ExitCode == 0 ? await stdout : await stdout + await stderr, child.Id);
    }

    /// <summary>Null when /usr/bin/python3 can import websockets; else what is missing and how to get it.</summary>
    private static string? WhyPythonCannotRun()
    {
        if (!File.Exists(Python)) return $"{Python} is missing (apt-get install python3 python3-websockets)";
        if (!Directory.Exists(Path.Combine(ClientsDirectory(), "python", "prom_sample"))) return $"the generated Python client is missing under {ClientsDirectory()} (build the sample)";
        using Process probe = Process.Start(new ProcessStartInfo(Python, ["-c", "import websockets"]) { RedirectStandardError = true, UseShellExecute = false })!;
        _ = probe.StandardError.ReadToEndAsync();
        if (!probe.WaitForExit(15_000))
        {
            probe.Kill();
            return $"{Python} did not answer within 15 s";
        }

        return probe.ExitCode == 0 ? null : $"{Python} cannot import websockets (apt-get install python3-websockets)";
    }

    /// <summary>Where the build wrote the generated clients (PromClientsOutputPath, recorded in the assembly at build time).</summary>
    private static string ClientsDirectory() =>
        typeof(GatewayDemo).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "PromClientsDirectory").Value!;
}
