using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// A float32 array handed to <c>numpy.sum</c>: an array already in Python (baseline: Python's own work), the
/// shared-memory view, a <c>float[]</c> by value (a lent shared segment from 256 KiB; a binary frame through the pipe
/// below), and base64 text inside the JSON frame; plus the
/// transport alone (Python only reads <c>a.size</c>), which for shared memory must not depend on the array size.
/// </summary>
[MemoryDiagnoser]
public class BridgeArrayBenchmarks
{
    private PyBridge _py = null!;
    private PyObject _code = null!;
    private PyObject _resident = null!;
    private SharedArray<float> _shared = null!;
    private float[] _managed = null!;

    /// <summary>The array size in MiB.</summary>
    [Params(1, 64)]
    public int MiB { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        int count = MiB * (1 << 20) / sizeof(float);
        _managed = new float[count];
        var random = new Random(1);
        for (int i = 0; i < count; i++)
        {
            _managed[i] = (float)random.NextDouble();
        }

        _shared = SharedArray.CopyOf<float>(_managed);
        _code = Run(async () =>
        {
            PyObject module = await _py.Import("types").Call<PyObject>("ModuleType", "bench");
            PyObject globals = await module.Get<PyObject>("__dict__");
            await _py.Builtins.Call("exec", """
                import base64, numpy as np
                def sum_b64(text):
                    return float(np.frombuffer(base64.b64decode(text), dtype='<f4').sum())
                def total(a):
                    return float(np.sum(a))
                def size(a):
                    return a.size
                """, globals);
            return module;
        });
        _resident = Run(() => _py.Import("numpy").Call<PyObject>("array", _managed)); // an owned copy living in Python
        Run(() => _code.Call<double>("total", _shared)); // map the file once, as a long-lived shared array would be
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _shared.Dispose();
        _py.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "numpy.sum of an array already in Python")]
    public Task<double> PythonOnly() => _code.Call<double>("total", _resident);

    [Benchmark(Description = "shared memory (numpy view)")]
    public Task<double> SharedMemory() => _code.Call<double>("total", _shared);

    [Benchmark(Description = "float[] by value (lent shared segment from 256 KiB, else a binary frame)")]
    public Task<double> BinaryFrame() => _code.Call<double>("total", _managed);

    [Benchmark(Description = "transport only: shared memory (a.size)")]
    public Task<long> SharedTransportOnly() => _code.Call<long>("size", _shared);

    [Benchmark(Description = "transport only: float[] by value (a.size)")]
    public Task<long> FrameTransportOnly() => _code.Call<long>("size", _managed);

    [Benchmark(Description = "base64 text in the JSON frame")]
    public async Task<double> Base64Json()
    {
        int previous = Prom.Bridge.Values.ValueEncoder.LongStringThreshold;
        Prom.Bridge.Values.ValueEncoder.LongStringThreshold = int.MaxValue;
        try
        {
            string text = Convert.ToBase64String(MemoryMarshal.AsBytes(_managed.AsSpan()));
            return await _code.Call<double>("sum_b64", text);
        }
        finally
        {
            Prom.Bridge.Values.ValueEncoder.LongStringThreshold = previous;
        }
    }

    private static T Run<T>(Func<Task<T>> action) => action().GetAwaiter().GetResult();
}
