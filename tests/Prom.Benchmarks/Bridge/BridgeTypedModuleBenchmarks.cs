using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// A generated typed-module call against the same untyped bridge call: <c>math.sqrt(16.0)</c> through
/// <c>MathModule.Sqrt</c> (generated from Bridge/math.pyi) and through <c>PyPath.Call&lt;double&gt;</c>, on one bridge,
/// in the same run. Target: the wrapper ≤ 1.1× the untyped call. Run in-process (<c>--inProcess</c>).
/// </summary>
[MemoryDiagnoser]
public class BridgeTypedModuleBenchmarks
{
    private PyBridge _py = null!;
    private PyPath _math = null!;
    private MathModule _typed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _math = _py.Import("math");
        _typed = new MathModule(_py);
    }

    [GlobalCleanup]
    public void Cleanup() => _py.DisposeAsync().AsTask().GetAwaiter().GetResult();

    [Benchmark(Baseline = true, Description = "untyped: py.Import(\"math\").Call<double>(\"sqrt\", 16.0)")]
    public Task<double> Untyped() => _math.Call<double>("sqrt", 16.0);

    [Benchmark(Description = "untyped, path built per call")]
    public Task<double> UntypedFreshPath() => _py.Import("math").Call<double>("sqrt", 16.0);

    [Benchmark(Description = "generated: new MathModule(py).Sqrt(16.0)")]
    public Task<double> Typed() => _typed.Sqrt(16.0);

    [Benchmark(Description = "generated, *args: Hypot([3.0, 4.0])")]
    public Task<double> TypedVarArgs() => _typed.Hypot(new[] { 3.0, 4.0 });
}
