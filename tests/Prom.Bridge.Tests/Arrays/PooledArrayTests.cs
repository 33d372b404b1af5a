using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests.Arrays;

/// <summary>
/// The bridge's pool of shared segments: by-value arrays from memory, rented shared arrays, and reuse that never
/// shows one user's data to another nor hands a segment to two users at once.
/// </summary>
public sealed class PooledArrayTests
{
    private const int Large = 1 << 20; // 8 MiB of doubles: lent, not a part

    private const string Code = """
        import numpy as np, time
        kept = []
        def describe(a):
            return float(np.sum(a)), int(a.size), a.dtype.str, list(a.shape), bool(a.flags.writeable), float(a.min()), float(a.max())
        def slow_sum(a, seconds):
            time.sleep(seconds)
            return float(np.sum(a))
        def scale(a, k):
            a *= k
        def keep(a):
            kept.append(a)
        def kept_sum():
            return float(np.sum(kept[0]))
        """;

    [Fact]
    public async Task ReadOnlyMemoryOfDoubles_TravelsByValue_Lent_AsARightSizedReadOnlyArray()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        double[] backing = Enumerable.Range(0, Large + 10).Select(i => (double)i).ToArray();

        // A slice that starts inside the array: offset and length must both be honoured.
        object?[] big = await code.Call<object?[]>("describe", (ReadOnlyMemory<double>)backing.AsMemory(10, Large));
        object?[] small = await code.Call<object?[]>("describe", (Memory<float>)new float[] { 1.5f, 2.5f });

        Assert.Equal(Enumerable.Range(10, Large).Sum(i => (double)i), (double)big[0]!);
        Assert.Equal((long)Large, big[1]);
        Assert.Equal("<f8", big[2]);
        Assert.Equal(false, big[4]);
        Assert.Equal(10.0, big[5]);
        Assert.Equal(Large + 9.0, big[6]);
        Assert.Equal(4.0, (double)small[0]!);
        Assert.Equal("<f4", small[2]);
        PyBridgeStats stats = await py.GetStatsAsync();
        Assert.True(stats.BytesSent < 1 << 20, $"{stats.BytesSent} bytes went through the pipe"); // the large one did not
    }

    [Fact]
    public async Task ReusedSegment_ShowsOnlyTheLaterCallsData()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        double[] first = Enumerable.Repeat(7.0, Large).ToArray();
        double[] second = Enumerable.Repeat(1.0, (Large * 3) / 4).ToArray(); // fits the first one's segment

        await code.Call<object?[]>("describe", first);
        string? reused = py.Lending.PeekFreePath();
        object?[] later = await code.Call<object?[]>("describe", second);

        Assert.NotNull(reused);
        Assert.Equal(reused, py.Lending.PeekFreePath()); // the same segment went out and came back
        Assert.Equal(second.Length, (double)later[0]!);
        Assert.Equal((long)second.Length, later[1]);
        Assert.Equal(1.0, later[6]); // max: nothing of the 7s is visible
    }

    [Fact]
    public async Task RentedArray_IsZeroFilledAfterAnEarlierUser_AndSharedBothWays()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        await code.Call<object?[]>("describe", Enumerable.Repeat(9.0, Large).ToArray()); // leaves a segment of 9s
        string? free = py.Lending.PeekFreePath();

        using SharedArray<double> rented = py.RentArray<double>(Large / 1024, 1024);

        Assert.Equal(free, rented.FilePath);
        Assert.True(rented.IsRented);
        Assert.True(rented.Span.IndexOfAnyExcept(0.0) < 0, "the rented array shows an earlier user's data");
        rented[5] = 2.0;
        object?[] seen = await code.Call<object?[]>("describe", rented);
        Assert.Equal(2.0, (double)seen[0]!);
        Assert.Equal(new object[] { 1024L, 1024L }, ((List<object?>)seen[3]!).ToArray());
        Assert.Equal(true, seen[4]); // writable: a shared array, not a copy
        await code.Call("scale", rented, 3.0);
        Assert.Equal(6.0, rented[5]); // Python's write is visible here
    }

    [Fact]
    public async Task RentCopyOf_HoldsTheValues()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        double[] values = Enumerable.Range(0, Large).Select(i => i % 5 - 2.0).ToArray();

        using SharedArray<double> rented = py.RentCopyOf<double>(values);

        Assert.Equal(values, rented.ToArray());
        Assert.Equal(values.Sum(), await code.Call<double>("slow_sum", rented, 0.0));
    }

    [Fact]
    public async Task ConcurrentByValueCalls_EachSeeTheirOwnArray()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        double[][] arrays = Enumerable.Range(1, 6).Select(k => Enumerable.Repeat((double)k, Large / 2).ToArray()).ToArray();

        for (int round = 0; round < 3; round++)
        {
            double[] sums = await Task.WhenAll(arrays.Select(a => code.Call<double>("slow_sum", a, 0.02)));
            Assert.Equal(arrays.Select(a => a[0] * a.Length), sums);
        }
    }

    [Fact]
    public async Task RentedArrayDisposedWhileItsCallRuns_IsNotLentAgainBeforeTheAnswer()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        SharedArray<double> first = py.RentArray<double>(Large);
        first.Span.Fill(5.0);
        string firstPath = first.FilePath;

        Task<double> running = code.Call<double>("slow_sum", first, 0.5);
        first.Dispose(); // while Python still has to read it
        using SharedArray<double> second = py.RentArray<double>(Large);
        second.Span.Fill(9.0);

        Assert.NotEqual(firstPath, second.FilePath);
        Assert.Equal(5.0 * Large, await running);
        Assert.Equal(firstPath, py.Lending.PeekFreePath()); // back in the pool once answered
    }

    [Fact]
    public async Task RentedArrayKeptByPython_IsNeverReused()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        SharedArray<double> first = py.RentArray<double>(Large);
        first.Span.Fill(3.0);
        string firstPath = first.FilePath;

        await code.Call("keep", first);
        first.Dispose();
        using SharedArray<double> second = py.RentArray<double>(Large);
        second.Span.Fill(4.0);

        Assert.NotEqual(firstPath, second.FilePath);
        Assert.Equal(3.0 * Large, await code.Call<double>("kept_sum"));
    }

    [Fact]
    public async Task RentedArrayPassedToAnotherBridge_WorksAndIsNotReused()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        await using PyBridge other = await PyBridge.StartAsync(TestPython.Options());
        PyObject otherCode = await PythonCode.DefineAsync(other, Code);
        SharedArray<double> rented = py.RentArray<double>(Large);
        rented.Span.Fill(2.0);
        string path = rented.FilePath;

        Assert.Equal(2.0 * Large, await otherCode.Call<double>("slow_sum", rented, 0.0));
        rented.Dispose();

        Assert.Null(py.Lending.PeekFreePath());
        Assert.False(System.IO.File.Exists(path));
    }

    [Fact]
    public void DefaultArrayArgument_IsAClearError()
    {
        PyArrayArgument<double> none = default;
        Assert.Equal("(no array)", none.ToString());
        Assert.Null(none.Shared);
    }

    [Fact]
    public async Task ArrayArgument_PassesValuesWithAShape_OrASharedArray()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, Code);
        double[] values = Enumerable.Range(0, 6).Select(i => (double)i).ToArray();
        using SharedArray<double> shared = SharedArray.CopyOf<double>(values);

        object?[] shaped = await code.Call<object?[]>("describe", PyArrayArgument<double>.Of(values, 2, 3));
        object?[] viaShared = await code.Call<object?[]>("describe", (PyArrayArgument<double>)shared);
        var error = await Assert.ThrowsAsync<ArgumentException>(() => code.Call<object?[]>("describe", default(PyArrayArgument<double>)));

        Assert.Equal(new object[] { 2L, 3L }, ((List<object?>)shaped[3]!).ToArray());
        Assert.Equal(false, shaped[4]);
        Assert.Equal(15.0, (double)viaShared[0]!);
        Assert.Equal(true, viaShared[4]);
        Assert.Contains("holds no array", error.Message);
        Assert.Throws<ArgumentException>(() => PyArrayArgument<double>.Of(values, 4, 2));
    }
}
