using System.Diagnostics;
using System.IO;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>The interpreter the bridge benchmarks use: /usr/bin/python3 when it imports numpy, else python3.</summary>
internal static class BenchPython
{
    public static string Executable { get; } = Pick();

    public static PyBridgeOptions Options(int maxInFlight = 64) => new() { PythonExecutable = Executable, MaxInFlight = maxInFlight };

    private static string Pick()
    {
        const string system = "/usr/bin/python3";
        if (File.Exists(system))
        {
            using var probe = Process.Start(new ProcessStartInfo(system, "-c \"import numpy\"") { RedirectStandardError = true })!;
            probe.WaitForExit();
            if (probe.ExitCode == 0)
            {
                return system;
            }
        }

        return "python3";
    }
}
