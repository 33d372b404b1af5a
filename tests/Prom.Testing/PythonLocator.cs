using System;
using System.Diagnostics;
using System.IO;

namespace Prom.Testing;

/// <summary>Finds a Python interpreter that can import numpy (Debian's /usr/bin/python3 first).</summary>
public static class PythonLocator
{
    private static readonly Lazy<string> s_numpyPython = new(Find);

    /// <summary>The path of a python3 with numpy; throws with instructions when there is none.</summary>
    public static string WithNumpy => s_numpyPython.Value;

    private static string Find()
    {
        foreach (string? candidate in new[] { Environment.GetEnvironmentVariable("PROM_PYTHON"), "/usr/bin/python3", "python3" })
        {
            if (string.IsNullOrEmpty(candidate) || (Path.IsPathRooted(candidate) && !File.Exists(candidate))) continue;
            if (Run(candidate, "import numpy", TimeSpan.FromSeconds(30)).ExitCode == 0) return candidate;
        }
        throw new InvalidOperationException("No python3 that can import numpy was found: run scripts/install-deps.sh (installs Debian's python3-numpy) or set PROM_PYTHON.");
    }

    /// <summary>Runs <c>python -c code</c> and returns its exit code and outputs.</summary>
    public static (int ExitCode, string Stdout, string Stderr) Run(string python, string code, TimeSpan timeout, string? stdin = null)
    {
        var start = new ProcessStartInfo(python)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(code);
        using Process process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start '{python}'.");
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit((int)timeout.TotalMilliseconds))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"'{python} -c ...' did not finish within {timeout}.");
        }
        return (process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
