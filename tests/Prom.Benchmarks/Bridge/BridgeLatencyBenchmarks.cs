using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// One round trip. Baseline: a raw framed echo through the same Python over the same kind of pipes, 13 bytes each way
/// like a ping (the physical floor: no JSON, no dispatch, no tasks). Against it: the bridge's <c>ping</c> awaited
/// alone by the harness and 100 in a row, both with default options (lone calls read their own answer) and with
/// <see cref="PyBridgeOptions.LoneCallWait"/> off (every answer read by a reader thread); and a real call.
/// Target: ping ≤ 2× the echo. Run it in-process (<c>--inProcess</c>) so that the baseline and the bridge are measured
/// by the same process in the same run.
/// </summary>
[MemoryDiagnoser]
public class BridgeLatencyBenchmarks
{
    private RawPipeEcho _echo = null!;
    private PyBridge _py = null!;
    private PyPath _math = null!;
    private PyBridge _readerThreads = null!;

    [GlobalSetup]
    public void Setup()
    {
        _echo = new RawPipeEcho(BenchPython.Executable, 8); // a ping frame: 5-byte header and the 8-byte id
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _math = _py.Import("math");
        PyBridgeOptions options = BenchPython.Options();
        options.LoneCallWait = TimeSpan.Zero;
        _readerThreads = PyBridge.StartAsync(options).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _echo.Dispose();
        _py.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _readerThreads.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "raw pipe echo (same python)")]
    public void RawEcho() => _echo.RoundTrip();

    [Benchmark(Description = "bridge ping")]
    public Task Ping() => _py.PingAsync();

    /// <summary>Awaited one after another inside the invocation, as in an async request/response loop.</summary>
    [Benchmark(OperationsPerInvoke = 100, Description = "bridge ping, 100 awaited in a row (per ping)")]
    public async Task PingInARow()
    {
        for (int i = 0; i < 100; i++)
        {
            await _py.PingAsync();
        }
    }

    [Benchmark(Description = "bridge ping, LoneCallWait 0 (reader thread)")]
    public Task PingReaderThread() => _readerThreads.PingAsync();

    [Benchmark(OperationsPerInvoke = 100, Description = "bridge ping, LoneCallWait 0, 100 awaited in a row")]
    public async Task PingReaderThreadInARow()
    {
        for (int i = 0; i < 100; i++)
        {
            await _readerThreads.PingAsync();
        }
    }

    [Benchmark(Description = "math.sqrt(16) via chain")]
    public Task<double> Sqrt() => _math.Call<double>("sqrt", 16);
}
