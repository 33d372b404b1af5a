using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// One round trip: a raw framed echo through the same Python (baseline, the physical floor) against the bridge's
/// <c>ping</c> (default options, and with <see cref="PyBridgeOptions.SpinBeforeAwait"/>) and a real call.
/// Target: ping ≤ 2× the echo.
/// </summary>
[MemoryDiagnoser]
public class BridgeLatencyBenchmarks
{
    private RawPipeEcho _echo = null!;
    private PyBridge _py = null!;
    private PyPath _math = null!;
    private PyBridge _spin = null!;

    [GlobalSetup]
    public void Setup()
    {
        // The same size as the bridge's ping message: {"id":N,"op":"ping","ret":"none"}.
        _echo = new RawPipeEcho(BenchPython.Executable, 36);
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _math = _py.Import("math");
        PyBridgeOptions options = BenchPython.Options();
        options.SpinBeforeAwait = System.TimeSpan.FromMicroseconds(50);
        _spin = PyBridge.StartAsync(options).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _echo.Dispose();
        _py.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _spin.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "raw pipe echo (same python)")]
    public void RawEcho() => _echo.RoundTrip();

    [Benchmark(Description = "bridge ping")]
    public Task Ping() => _py.PingAsync();

    /// <summary>Awaited one after another inside the invocation: continuations stay on pool threads, as in an async app.</summary>
    [Benchmark(OperationsPerInvoke = 100, Description = "bridge ping, 100 awaited in a row (per ping)")]
    public async Task PingInARow()
    {
        for (int i = 0; i < 100; i++)
        {
            await _py.PingAsync();
        }
    }

    [Benchmark(Description = "bridge ping, SpinBeforeAwait 50 us")]
    public Task PingSpin() => _spin.PingAsync();

    [Benchmark(Description = "math.sqrt(16) via chain")]
    public Task<double> Sqrt() => _math.Call<double>("sqrt", 16);
}
