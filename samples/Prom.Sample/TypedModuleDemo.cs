using System;
using System.Threading.Tasks;
using Prom.Bridge;

namespace Prom.Sample;

/// <summary>
/// Typed Python modules: telemetry_stats.py is an AdditionalFile with PromPythonModule="true", so the build generates
/// TelemetryStatsModule with a typed Windows(...) method. A numpy array goes in through shared memory and an array of
/// [Struct] Window comes back, checked field by field against Window.Layout.
/// </summary>
internal static class TypedModuleDemo
{
    public static async Task RunAsync(Reading[] readings)
    {
        string? python = NumpyDemo.FindPython();
        if (python is null)
        {
            Console.WriteLine("[Typed module] skipped: no python3 with numpy found (run scripts/install-deps.sh or set PROM_PYTHON)");
            return;
        }

        var options = new PyBridgeOptions { PythonExecutable = python };
        options.Environment["PYTHONPATH"] = AppContext.BaseDirectory; // telemetry_stats.py is copied next to the program
        await using PyBridge py = await PyBridge.StartAsync(options);
        var stats = new TelemetryStatsModule(py);

        using SharedArray<double> temperatures = SharedArray.Create<double>(readings.Length);
        for (int i = 0; i < readings.Length; i++) temperatures[i] = (double)readings[i].Temperature;

        using SharedArray<Window> windows = await stats.Windows(temperatures, size: 4);
        Window hottest = windows[0];
        foreach (Window w in windows.Span)
        {
            if (w.Max > hottest.Max) hottest = w;
        }
        Console.WriteLine($"[Typed module] await stats.Windows(temperatures, size: 4) returned {windows.Length} [Struct] Window values for {readings.Length} readings");
        Console.WriteLine($"[Typed module] first window: mean {windows[0].Mean:F2} °C (min {windows[0].Min:F2}, max {windows[0].Max:F2}); " +
                          $"hottest from reading {hottest.Start}: max {hottest.Max:F2} °C");
    }
}
