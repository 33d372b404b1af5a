using System;
using System.Diagnostics;
using System.IO;
using System.Text.Json;

namespace Prom.Bridge.Tests.Fuzz;

/// <summary>Runs <c>protocol_fuzz.py</c> (next to the test assembly) against the bridge's real embedded Python runtime.</summary>
internal static class ProtocolFuzzPython
{
    private static readonly string s_script = Path.Combine(AppContext.BaseDirectory, "Fuzz", "protocol_fuzz.py");

    /// <summary>The runtime's source, as the bridge passes it to Python, in a temporary file.</summary>
    public static string WriteRuntime(string directory)
    {
        string path = Path.Combine(directory, "prom_bridge_runtime.py");
        File.WriteAllText(path, RuntimeSource.Text);
        return path;
    }

    /// <summary>Runs the harness with <paramref name="arguments"/>; returns its JSON summary line. Killed after <paramref name="limit"/>.</summary>
    public static JsonElement Run(TimeSpan limit, params string[] arguments)
    {
        var info = new ProcessStartInfo(TestPython.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(s_script);
        foreach (string argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using Process process = Process.Start(info)!;
        var stderr = process.StandardError.ReadToEndAsync();
        string stdout = process.StandardOutput.ReadToEndAsync().WaitAsync(limit).GetAwaiter().GetResult();
        if (!process.WaitForExit(limit))
        {
            process.Kill();
            throw new TimeoutException($"protocol_fuzz.py {arguments[0]} did not finish within {limit}");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"protocol_fuzz.py {arguments[0]} failed ({process.ExitCode}): {stdout}{stderr.Result}");
        }

        return JsonDocument.Parse(stdout).RootElement.Clone();
    }
}
