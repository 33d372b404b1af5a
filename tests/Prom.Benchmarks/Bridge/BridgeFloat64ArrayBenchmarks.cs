using System;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Prom.Bridge;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// The issue-15 array target: a 64 MiB float64 array into <c>numpy.sum</c> at shared-memory speed (≤ 1.5× numpy's own
/// sum of it). Baseline: <c>numpy.sum</c> of an array already in Python, through the bridge (numpy's own work plus one
/// small round trip). Against it, in the same run: an existing <see cref="SharedArray{T}"/> (untyped and through the
/// wrapper generated from Bridge/numpy.pyi); the common path, a plain <c>double[]</c> passed by value (untyped and
/// through the wrapper), which is copied into a reused, already-mapped segment of the bridge's pool; what the wrapper's
/// common path cost before (a fresh <c>SharedArray.CopyOf</c> per call: new file, mappings, page faults); and the
/// host's copy alone, streaming and ordinary, which bounds the by-value path from below.
/// </summary>
[MemoryDiagnoser]
public class BridgeFloat64ArrayBenchmarks
{
    private const int Count = 64 * (1 << 20) / sizeof(double);
    private PyBridge _py = null!;
    private PyPath _numpy = null!;
    private NumpyModule _typed = null!;
    private PyObject _resident = null!;
    private SharedArray<double> _shared = null!;
    private SharedArray<double> _target = null!;
    private double[] _managed = null!;

    [GlobalSetup]
    public void Setup()
    {
        _py = PyBridge.StartAsync(BenchPython.Options()).GetAwaiter().GetResult();
        _numpy = _py.Import("numpy");
        _typed = new NumpyModule(_py);
        _managed = new double[Count];
        var random = new Random(1);
        for (int i = 0; i < Count; i++)
        {
            _managed[i] = random.NextDouble();
        }

        _shared = _py.RentCopyOf<double>(_managed);
        _target = SharedArray.Create<double>(Count);
        _target.Span.Fill(1.0); // pages touched, as a reused segment's are
        _resident = Run(() => _numpy.Call<PyObject>("array", _managed)); // an owned copy in Python
        Run(() => _numpy.Call<double>("sum", _shared)); // map the shared array once, as a long-lived one is
        Run(() => _numpy.Call<double>("sum", _managed)); // the pool's segment for by-value arrays: created and mapped once
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _shared.Dispose();
        _target.Dispose();
        _py.DisposeAsync().AsTask().GetAwaiter().GetResult();
    }

    [Benchmark(Baseline = true, Description = "numpy.sum of a float64 array already in Python")]
    public Task<double> PythonOnly() => _numpy.Call<double>("sum", _resident);

    [Benchmark(Description = "existing SharedArray<double> (numpy view), untyped")]
    public Task<double> Shared() => _numpy.Call<double>("sum", _shared);

    [Benchmark(Description = "existing SharedArray<double>, generated NumpyModule.Sum")]
    public Task<double> SharedTyped() => _typed.Sum(_shared);

    [Benchmark(Description = "double[] by value (copied into a pooled segment), untyped")]
    public Task<double> ByValue() => _numpy.Call<double>("sum", _managed);

    [Benchmark(Description = "double[] by value, generated NumpyModule.Sum")]
    public Task<double> ByValueTyped() => _typed.Sum(_managed);

    /// <summary>The by-value path without the sum (<c>numpy.size</c>): the copy and the round trip, to split the by-value cost.</summary>
    [Benchmark(Description = "double[] by value into numpy.size (copy and round trip only)")]
    public Task<long> ByValueSize() => _numpy.Call<long>("size", _managed);

    /// <summary>An existing shared array into <c>numpy.size</c>: the round trip alone.</summary>
    [Benchmark(Description = "existing SharedArray<double> into numpy.size (round trip only)")]
    public Task<long> SharedSize() => _numpy.Call<long>("size", _shared);

    [Benchmark(Description = "fresh SharedArray.CopyOf per call, generated (the wrapper's path before)")]
    public async Task<double> FreshSharedCopy()
    {
        using SharedArray<double> copy = SharedArray.CopyOf<double>(_managed);
        return await _typed.Sum(copy);
    }

    [Benchmark(Description = "host only: streaming copy of the 64 MiB into a mapped segment")]
    public unsafe void HostStreamingCopy()
    {
        fixed (double* target = _target.Span)
        {
            Prom.Bridge.Arrays.BulkCopy.Copy(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_managed.AsSpan()), (byte*)target);
        }
    }

    [Benchmark(Description = "host only: streaming copy on two threads (halves)")]
    public unsafe void HostStreamingCopyTwoThreads()
    {
        fixed (double* target = _target.Span)
        fixed (double* source = _managed)
        {
            byte* t = (byte*)target;
            byte* s = (byte*)source;
            int length = _managed.Length * sizeof(double);
            int half = (length / 2) & ~63;
            System.Threading.Tasks.Parallel.Invoke(
                () => Prom.Bridge.Arrays.BulkCopy.CopyStreaming(s, t, half),
                () => Prom.Bridge.Arrays.BulkCopy.CopyStreaming(s + half, t + half, length - half));
        }
    }

    [Benchmark(Description = "host only: Span.CopyTo of the 64 MiB into a mapped segment")]
    public void HostOrdinaryCopy() => _managed.AsSpan().CopyTo(_target.Span);

    private static T Run<T>(Func<Task<T>> action) => action().GetAwaiter().GetResult();
}
