using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// Small calls per second: 1,000 <c>operator.neg</c> calls awaited one by one (baseline) against the same 1,000
/// started in a loop and awaited together — with default options (each quick lone call is answered before the loop
/// starts the next) and with <see cref="PyBridgeOptions.LoneCallWait"/> off (all pipelined through the window of 64).
/// Times are per call.
/// </summary>
[MemoryDiagnoser]
public class BridgeThroughputBenchmarks
{
    private const int Calls = 1000;
    private readonly Task<long>[] _tasks = new Task<long>[Calls];
    private PyBridge _py = null!;
    private PyBridge _pipelining = null!;

    [GlobalSetup]
    public void Setup()
    {
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        PyBridgeOptions options = BenchPython.Options();
        options.LoneCallWait = TimeSpan.Zero;
        _pipelining = PyBridge.StartAsync(options).GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _py.DisposeAsync().AsTask().GetAwaiter().GetResult();
        _pipelining.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "sequential calls")]
    public async Task Sequential()
    {
        PyPath ops = _py.Import("operator");
        for (int i = 0; i < Calls; i++)
        {
            await ops.Call<long>("neg", i);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "started in a loop, default options")]
    public Task StartedInALoop() => StartAll(_py);

    [Benchmark(OperationsPerInvoke = Calls, Description = "pipelined, LoneCallWait 0 (window 64)")]
    public Task Pipelined() => StartAll(_pipelining);

    private async Task StartAll(PyBridge py)
    {
        PyPath ops = py.Import("operator");
        for (int i = 0; i < Calls; i++)
        {
            _tasks[i] = ops.Call<long>("neg", i);
        }

        await Task.WhenAll(_tasks);
    }
}
