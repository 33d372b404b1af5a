using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Xunit.Sdk;

namespace Prom.Bus.Gateway.Tests;

/// <summary>
/// The ready server (<c>Prom.Bus.Server.dll</c> from the test output) as a child process on 127.0.0.1 with an
/// ephemeral port, configured by command-line switches exactly as a user would. Its console log is kept for messages.
/// </summary>
internal sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _log = new();

    private ServerProcess(Process process)
    {
        _process = process;
    }

    public Uri HttpUri { get; private set; } = null!;

    public Uri WebSocketUri => new($"ws://{HttpUri.Host}:{HttpUri.Port}/bus");

    public int Pid => _process.Id;

    public string Log => string.Join("\n", _log);

    public bool HasExited => _process.HasExited;

    public static async Task<ServerProcess> StartAsync(string dbPath, params string[] extra)
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = Path.GetDirectoryName(dbPath)!,
        };
        foreach (string a in new[]
        {
            "exec", Path.Combine(AppContext.BaseDirectory, "Prom.Bus.Server.dll"),
            "--urls", "http://127.0.0.1:0", "--Store:Path", dbPath,
            "--Gateway:Tokens:0:Token", GatewayHost.Token, "--Gateway:Tokens:0:Scopes:0", "publish:*", "--Gateway:Tokens:0:Scopes:1", "subscribe:*",
            "--Gateway:Tokens:0:Scopes:2", "admin", "--Logging:LogLevel:Default", "Information",
        })
        {
            psi.ArgumentList.Add(a);
        }

        foreach (string a in extra)
        {
            psi.ArgumentList.Add(a);
        }

        Process process = Process.Start(psi)!;
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var server = new ServerProcess(process);
        void OnLine(string? line)
        {
            if (line is null)
            {
                return;
            }

            server._log.Enqueue(line);
            const string marker = "Now listening on: ";
            int at = line.IndexOf(marker, StringComparison.Ordinal);
            if (at >= 0)
            {
                listening.TrySetResult(new Uri(line[(at + marker.Length)..].Trim()));
            }
        }

        process.OutputDataReceived += (_, e) => OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            server.HttpUri = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            return server;
        }
        catch (TimeoutException)
        {
            process.Kill(entireProcessTree: true);
            throw new XunitException($"The server did not start listening within 60 s:\n{server.Log}");
        }
    }

    /// <summary>SIGKILL: no shutdown code runs, nothing is flushed.</summary>
    public async Task KillAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>SIGTERM: the host's graceful shutdown; returns the exit code.</summary>
    public async Task<int> TerminateAsync()
    {
        using (Process kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
