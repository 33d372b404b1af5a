using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// Small calls per second: 1,000 <c>operator.neg</c> calls awaited one by one (baseline) against the same 1,000
/// pipelined through the in-flight window (64). Times are per call.
/// </summary>
[MemoryDiagnoser]
public class BridgeThroughputBenchmarks
{
    private const int Calls = 1000;
    private readonly Task<long>[] _tasks = new Task<long>[Calls];
    private PyBridge _py = null!;
    private PyPath _operator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _operator = _py.Import("operator");
    }

    [GlobalCleanup]
    public void Cleanup() => _py.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls, Description = "sequential calls")]
    public async Task Sequential()
    {
        for (int i = 0; i < Calls; i++)
        {
            await _operator.Call<long>("neg", i);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls, Description = "pipelined calls (window 64)")]
    public async Task Pipelined()
    {
        for (int i = 0; i < Calls; i++)
        {
            _tasks[i] = _operator.Call<long>("neg", i);
        }

        await Task.WhenAll(_tasks);
    }
}
