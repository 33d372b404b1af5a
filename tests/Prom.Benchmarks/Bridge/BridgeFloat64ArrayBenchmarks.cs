using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// The issue-15 array target: a 64 MiB float64 array into <c>numpy.sum</c> at shared-memory speed (≤ 1.5× numpy's own
/// sum of it). Baseline: the sum of an array already in Python. Against it: an existing <see cref="SharedArray{T}"/>;
/// the common path, a <c>double[]</c> passed by value (copied into a lent, reused shared segment); and what the common
/// path used to cost, a fresh <c>SharedArray.CopyOf</c> per call (new file, new mapping, page faults on both sides).
/// </summary>
[MemoryDiagnoser]
public class BridgeFloat64ArrayBenchmarks
{
    private const int Count = 64 * (1 << 20) / sizeof(double);
    private PyBridge _py = null!;
    private PyObject _code = null!;
    private PyObject _resident = null!;
    private SharedArray<double> _shared = null!;
    private double[] _managed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _managed = new double[Count];
        var random = new Random(1);
        for (int i = 0; i < Count; i++)
        {
            _managed[i] = random.NextDouble();
        }

        _shared = SharedArray.CopyOf<double>(_managed);
        _code = Run(async () =>
        {
            PyObject module = await _py.Import("types").Call<PyObject>("ModuleType", "bench64");
            PyObject globals = await module.Get<PyObject>("__dict__");
            await _py.Builtins.Call("exec", "import numpy as np\ndef total(a):\n    return float(np.sum(a))\n", globals);
            return module;
        });
        _resident = Run(() => _py.Import("numpy").Call<PyObject>("array", (object)_managed)); // an owned copy in Python
        Run(() => _code.Call<double>("total", _shared)); // map the shared file once, as a long-lived shared array is
        Run(() => _code.Call<double>("total", _managed)); // the lent segment: created and mapped once
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _shared.Dispose();
        _py.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "numpy.sum of a float64 array already in Python")]
    public Task<double> PythonOnly() => _code.Call<double>("total", _resident);

    [Benchmark(Description = "existing SharedArray<double> (numpy view)")]
    public Task<double> Shared() => _code.Call<double>("total", _shared);

    [Benchmark(Description = "double[] by value (copied into a lent shared segment)")]
    public Task<double> ByValue() => _code.Call<double>("total", _managed);

    [Benchmark(Description = "fresh SharedArray.CopyOf per call")]
    public async Task<double> FreshSharedCopy()
    {
        using SharedArray<double> copy = SharedArray.CopyOf<double>(_managed);
        return await _code.Call<double>("total", copy);
    }

    private static T Run<T>(Func<Task<T>> action) => action().GetAwaiter().GetResult();
}
