using System;
using System.Diagnostics;
using System.IO;
using Microsoft.Extensions.Logging;
using Prom.Bridge;

namespace Prom.Bridge.Tests;

/// <summary>Picks the interpreter for the tests: /usr/bin/python3 when it imports numpy, else python3 on PATH.</summary>
internal static class TestPython
{
    private static readonly Lazy<string> s_executable = new(Pick);

    public static string Executable => s_executable.Value;

    public static PyBridgeOptions Options(int maxInFlight = 64, ILoggerFactory? logging = null) => new()
    {
        PythonExecutable = Executable,
        MaxInFlight = maxInFlight,
        DefaultTimeout = TimeSpan.FromSeconds(60),
        LoggerFactory = logging,
    };

    private static string Pick()
    {
        const string system = "/usr/bin/python3";
        if (File.Exists(system) && ImportsNumpy(system))
        {
            return system;
        }

        return "python3";
    }

    private static bool ImportsNumpy(string executable)
    {
        try
        {
            using var process = Process.Start(new ProcessStartInfo(executable, "-c \"import numpy\"")
            {
                RedirectStandardError = true,
                RedirectStandardOutput = true,
            })!;
            return process.WaitForExit(20000) && process.ExitCode == 0;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }
}
