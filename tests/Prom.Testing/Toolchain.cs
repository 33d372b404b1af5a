using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;

namespace Prom.Testing;

/// <summary>
/// The real toolchains the emitted clients are checked with: Node.js with the npm packages of
/// tests/Prom.Clients.Tests/node (installed by scripts/deps.d/40-clients.sh with <c>npm ci</c>), Debian's mypy and
/// /usr/bin/python3 with Debian's python3-websockets. A missing tool fails the test with the install step to run.
/// </summary>
public static class Toolchain
{
    /// <summary>The npm folder with the pinned typescript and ws packages.</summary>
    public static string NodeFolder => Path.Combine(RepositoryLayout.Root(), "tests", "Prom.Clients.Tests", "node");

    /// <summary>typescript's tsc entry script (run it with node).</summary>
    public static string Tsc
    {
        get
        {
            string tsc = Path.Combine(NodeFolder, "node_modules", "typescript", "bin", "tsc");
            if (!File.Exists(tsc)) throw new InvalidOperationException($"{tsc} is missing: run scripts/install-deps.sh (npm ci in {NodeFolder}).");
            return tsc;
        }
    }

    /// <summary>Debian's python3 (with python3-websockets).</summary>
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : throw new InvalidOperationException("/usr/bin/python3 is missing: run scripts/install-deps.sh.");

    /// <summary>Debian's mypy.</summary>
    public static string Mypy => File.Exists("/usr/bin/mypy") ? "/usr/bin/mypy" : throw new InvalidOperationException("/usr/bin/mypy is missing: run scripts/install-deps.sh (Debian package mypy).");

    /// <summary>Runs a program to its end (bounded by <paramref name="timeout"/>) and returns its exit code and outputs.</summary>
    public static async Task<(int ExitCode, string Output)> RunAsync(string program, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout, IDictionary<string, string>? environment = null)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in arguments) start.ArgumentList.Add(argument);
        if (environment is not null) foreach ((string key, string value) in environment) start.Environment[key] = value;
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {program}");
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        using var cts = new System.Threading.CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{program} {string.Join(' ', arguments)} did not finish within {timeout}: {await stdout}{await stderr}");
        }
        return (process.ExitCode, (await stdout) + (await stderr));
    }

    /// <summary>A fresh temporary folder, deleted by <see cref="IDisposable.Dispose"/>.</summary>
    public static TempFolder Temp() => new();

    /// <summary>A temporary folder that deletes itself.</summary>
    public sealed class TempFolder : IDisposable
    {
        /// <summary>The folder.</summary>
        public string Path { get; } = Directory.CreateTempSubdirectory("prom-clients-").FullName;

        /// <inheritdoc/>
        public void Dispose()
        {
            try { Directory.Delete(Path, recursive: true); }
            catch (IOException) { /* a process still holds a file: the OS temp cleaner gets it */ }
        }
    }
}
