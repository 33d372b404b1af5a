using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading.Tasks;
using Prom.Bridge;

namespace Prom.Sample;

/// <summary>
/// Prom.Bridge: the [Struct] readings go to numpy as a zero-copy view of shared memory (the generated dtype names the
/// columns); numpy computes statistics and writes a flag back into the same memory, which C# then reads.
/// </summary>
internal static class NumpyDemo
{
    private const string PythonCode = """
        import numpy as np

        def summarize(readings):
            acc = np.stack([readings["acceleration_0"], readings["acceleration_1"], readings["acceleration_2"]], axis=1)
            return {"count": int(readings.size),
                    "ok": int(readings["ok"].sum()),
                    "mean_magnitude": float(np.linalg.norm(acc, axis=1).mean()),
                    "max_temperature": float(readings["temperature"].max())}

        def flag_hot(readings, limit):
            # Writes go straight into the C# array: no copy either way.
            readings["ok"] &= readings["temperature"] < limit
        """;

    public static async Task RunAsync(Reading[] readings)
    {
        string? python = FindPython();
        if (python is null)
        {
            Console.WriteLine("[Bridge] skipped: no python3 with numpy found (run scripts/install-deps.sh or set PROM_PYTHON)");
            return;
        }

        await using PyBridge py = await PyBridge.StartAsync(new PyBridgeOptions { PythonExecutable = python });
        await using PyObject module = await py.Import("types").Call<PyObject>("ModuleType", "prom_sample");
        await using PyObject globals = (await module.Attr("__dict__").GetHandle())!;
        await py.Builtins.Call("exec", PythonCode, globals);

        using SharedArray<Reading> shared = SharedArray.CopyOfStructs<Reading>(readings, readings.Length);
        Dictionary<string, object?> summary = await module.Call<Dictionary<string, object?>>("summarize", shared);
        Console.WriteLine($"[Bridge] numpy read {summary["count"]} readings in place from shared memory: {summary["ok"]} ok, " +
                          $"mean |acceleration| {summary["mean_magnitude"]:F3}, max temperature {summary["max_temperature"]}");

        await module.Call("flag_hot", shared, 30.0);
        int ok = 0;
        for (int i = 0; i < shared.Length; i++)
        {
            if (shared[i].Ok) ok++;
        }
        Console.WriteLine($"[Bridge] after numpy flagged readings at or above 30 °C in place, C# counts {ok} ok");
    }

    /// <summary>The interpreter: PROM_PYTHON, else Debian's /usr/bin/python3, else python3 on PATH, if it imports numpy.</summary>
    internal static string? FindPython()
    {
        foreach (string? candidate in new[] { Environment.GetEnvironmentVariable("PROM_PYTHON"), "/usr/bin/python3", "python3" })
        {
            if (string.IsNullOrEmpty(candidate) || (Path.IsPathRooted(candidate) && !File.Exists(candidate))) continue;
            try
            {
                using Process? process = Process.Start(new ProcessStartInfo(candidate, "-c \"import numpy\"")
                {
                    RedirectStandardError = true,
                    RedirectStandardOutput = true,
                });
                if (process is not null && process.WaitForExit(20_000) && process.ExitCode == 0) return candidate;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed: try the next candidate
            }
        }
        return null;
    }
}
