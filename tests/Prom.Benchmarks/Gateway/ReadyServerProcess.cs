using System;
using System.IO;

namespace Prom.Benchmarks.Gateway;

/// <summary>
/// The ready server (<c>Prom.Bus.Server</c>, the <c>prom-bus</c> tool) as a child process on 127.0.0.1 with a fresh
/// SQLite file in a temporary folder, 4 partitions per topic, the publish rate limit off (a per-connection guard, not
/// part of the work measured) and one token with publish and subscribe scopes.
/// </summary>
internal sealed class ReadyServerProcess : IDisposable
{
    public const string Token = "bench-token";

    private readonly string _dir;
    private readonly ChildProcess _server;

    private ReadyServerProcess(string dir, ChildProcess server, Uri webSocket)
    {
        _dir = dir;
        _server = server;
        WebSocket = webSocket;
    }

    /// <summary>The gateway endpoint, <c>ws://127.0.0.1:PORT/bus</c>.</summary>
    public Uri WebSocket { get; }

    /// <summary>The server's process id, for a profiler to attach to.</summary>
    public int ProcessId => _server.Id;

    /// <summary>
    /// Starts the server with SQLite durability <paramref name="durability"/> (<c>Full</c> or <c>Normal</c>) and
    /// <c>Store:AckCommitDelay</c> <paramref name="ackCommitDelay"/> (a TimeSpan; zero, the server's default, unless given).
    /// </summary>
    public static ReadyServerProcess Start(string durability, string ackCommitDelay = "00:00:00")
    {
        string dir = Directory.CreateTempSubdirectory("prom-bench-gateway-").FullName;
        ChildProcess server = ChildProcess.Start(DotnetHost(), "Now listening on: ", TimeSpan.FromSeconds(60),
            "exec", ServerDll(), "--urls", "http://127.0.0.1:0",
            "--Store:Path", Path.Combine(dir, "bus.db"), "--Store:Durability", durability, "--Store:AckCommitDelay", ackCommitDelay,
            "--Bus:DefaultPartitions", "4",
            "--Gateway:PublishRatePerSecond", "0",
            "--Gateway:Tokens:0:Token", Token, "--Gateway:Tokens:0:Name", "bench",
            "--Gateway:Tokens:0:Scopes:0", "publish:*", "--Gateway:Tokens:0:Scopes:1", "subscribe:*",
            "--Logging:LogLevel:Default", "Warning", "--Logging:LogLevel:Microsoft.Hosting.Lifetime", "Information");
        string http = server.ReadyLine[server.ReadyLine.IndexOf("http://", StringComparison.Ordinal)..].Trim();
        return new ReadyServerProcess(dir, server, new Uri(http.Replace("http://", "ws://", StringComparison.Ordinal) + "/bus"));
    }

    public void Dispose()
    {
        _server.Dispose();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private static string DotnetHost() => Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";

    /// <summary>The server next to the benchmark binaries (a project reference), else the repository's Release build.</summary>
    private static string ServerDll()
    {
        string local = Path.Combine(AppContext.BaseDirectory, "Prom.Bus.Server.dll");
        if (File.Exists(local) && File.Exists(Path.ChangeExtension(local, ".runtimeconfig.json")))
        {
            return local;
        }

        for (string? d = AppContext.BaseDirectory; d is not null; d = Path.GetDirectoryName(d))
        {
            string built = Path.Combine(d, "runtime", "Prom.Bus.Server", "bin", "Release", "net10.0", "Prom.Bus.Server.dll");
            if (File.Exists(built))
            {
                return built;
            }
        }

        throw new FileNotFoundException("Prom.Bus.Server.dll not found next to the benchmark nor under runtime/Prom.Bus.Server/bin/Release: build it with `dotnet build runtime/Prom.Bus.Server -c Release`.");
    }
}
