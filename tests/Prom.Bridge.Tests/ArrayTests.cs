using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class ArrayTests : IClassFixture<BridgeFixture>
{
    private readonly PyBridge _py;
    private readonly Lazy<Task<PyObject>> _code;

    public ArrayTests(BridgeFixture fixture)
    {
        _py = fixture.Py;
        _code = new Lazy<Task<PyObject>>(() => PythonCode.DefineAsync(_py, """
            import numpy as np
            def describe(a):
                return [type(a).__name__, list(a.shape), a.dtype.str, a.tolist(), a.flags.writeable, a.flags.owndata]
            def poke(a, index, value):
                a[index] = value
            def struct_info(a):
                return [list(a.shape), list(a.dtype.names), [a.dtype.fields[n][1] for n in a.dtype.names], a.dtype.itemsize,
                        a["kind"].tolist(), a["x"].tolist(), a["y"].tolist()]
            def double_y(a):
                a["y"] *= 2
                a[1]["kind"] = 99
            def scaled(a, k):
                return (a * k).astype(a.dtype)
            def base_is(a, b):
                return np.shares_memory(a, b)
            """));
    }

    [Fact]
    public async Task Float2x2_IsSeenByNumpy_WithShapeDtypeAndValues_ZeroCopy()
    {
        Assert.True(_py.HasNumpy, "the tests need an interpreter with numpy (Debian python3-numpy in /usr/bin/python3)");
        PyObject code = await _code.Value;
        using SharedArray<float> matrix = SharedArray.CopyOf<float>(new[] { 1f, 2f, 3f, 4f }, 2, 2);

        List<object?> seen = await code.Call<List<object?>>("describe", matrix);
        await code.Call("poke", matrix, (0, 1), 42.5); // a C# tuple is a Python tuple: a[0, 1] = 42.5

        Assert.Equal("ndarray", seen[0]);
        Assert.Equal(new List<object?> { 2L, 2L }, seen[1]);
        Assert.Equal("<f4", seen[2]);
        Assert.Equal(new List<object?> { new List<object?> { 1.0, 2.0 }, new List<object?> { 3.0, 4.0 } }, seen[3]);
        Assert.Equal(true, seen[4]);
        Assert.Equal(false, seen[5]); // a view of the mapping, not a copy
        Assert.Equal(42.5f, matrix[1]); // Python's write is in C#'s memory: no copy anywhere
        matrix[3] = -1f;
        List<object?> again = await code.Call<List<object?>>("describe", matrix);
        Assert.Equal(new List<object?> { new List<object?> { 1.0, 42.5 }, new List<object?> { 3.0, -1.0 } }, again[3]);
    }

    [Fact]
    public async Task PackedStructArray_IsSeenWithItsDtype_AndPythonWritesReachCSharp()
    {
        PyObject code = await _code.Value;
        using SharedArray<Particle> particles = SharedArray.CopyOfStructs<Particle>(new[]
        {
            new Particle { Kind = 1, X = 1.5f, Y = 10 },
            new Particle { Kind = 2, X = -2.5f, Y = 20 },
            new Particle { Kind = 3, X = 3.25f, Y = 30 },
        });

        List<object?> info = await code.Call<List<object?>>("struct_info", particles);
        await code.Call("double_y", particles);

        Assert.Equal(new List<object?> { 3L }, info[0]);
        Assert.Equal(new List<object?> { "kind", "x", "y" }, info[1]);
        Assert.Equal(new List<object?> { 0L, 4L, 8L }, info[2]);
        Assert.Equal(16L, info[3]);
        Assert.Equal(new List<object?> { 1L, 2L, 3L }, info[4]);
        Assert.Equal(new List<object?> { 1.5, -2.5, 3.25 }, info[5]);
        Assert.Equal(new List<object?> { 10.0, 20.0, 30.0 }, info[6]);
        Assert.Equal(new[] { 20.0, 40.0, 60.0 }, particles.Span.ToArray().Select(p => p.Y));
        Assert.Equal(99, particles[1].Kind);
        Assert.Equal(-2.5f, particles[1].X);
    }

    [Fact]
    public async Task ArrayResults_ComeBackThroughSharedMemory_OrAsBuffers()
    {
        PyObject code = await _code.Value;
        using SharedArray<double> input = SharedArray.CopyOf<double>(new[] { 1.0, 2.0, 3.0, 4.0, 5.0, 6.0 }, 2, 3);

        using SharedArray<double> shared = await code.Call<SharedArray<double>>("scaled", input, 10);
        double[] copied = await code.Call<double[]>("scaled", input, 2);
        PyBuffer buffer = await code.Call<PyBuffer>("scaled", input, 3);
        int[] fromList = await _py.Builtins.Call<int[]>("list", new[] { 5, 6 });

        Assert.Equal(new[] { 2, 3 }, shared.Shape);
        Assert.Equal(new[] { 10.0, 20.0, 30.0, 40.0, 50.0, 60.0 }, shared.ToArray());
        Assert.NotEqual(input.FilePath, shared.FilePath);
        Assert.Equal(new[] { 2.0, 4.0, 6.0, 8.0, 10.0, 12.0 }, copied);
        Assert.Equal("<f8", buffer.Dtype);
        Assert.Equal(new[] { 2, 3 }, buffer.Shape);
        Assert.Equal(new[] { 3.0, 6.0, 9.0, 12.0, 15.0, 18.0 }, buffer.ToArray<double>());
        Assert.Equal(new[] { 5, 6 }, fromList);
    }

    [Fact]
    public async Task SharedResult_CanBeSentBackToPython_AndWrittenInPlace()
    {
        PyObject code = await _code.Value;
        using SharedArray<int> input = SharedArray.CopyOf<int>(new[] { 1, 2, 3 });
        using SharedArray<int> result = await code.Call<SharedArray<int>>("scaled", input, 2);

        await _py.Import("numpy").Call("multiply", result, 5, new PyKwargs { ["out"] = result });

        Assert.Equal(new[] { 10, 20, 30 }, result.ToArray());
    }

    [Fact]
    public async Task ManagedPrimitiveArrays_TravelAsBinaryParts_WithTheirShape()
    {
        PyObject code = await _code.Value;
        int[,] grid = { { 1, 2, 3 }, { 4, 5, 6 } };

        List<object?> seen = await code.Call<List<object?>>("describe", grid);
        float total = await _py.Import("numpy").Call<float>("sum", new[] { 0.5f, 1.5f, 2f });

        Assert.Equal(new List<object?> { 2L, 3L }, seen[1]);
        Assert.Equal("<i4", seen[2]);
        Assert.Equal(false, seen[4]); // a copy that travelled in a frame: read-only
        Assert.Equal(4f, total);
    }

    [Fact]
    public async Task NumpyScalars_ArriveByValue_EvenBeforeTheRuntimeUsedNumpy()
    {
        await using PyBridge fresh = await PyBridge.StartAsync(TestPython.Options());
        PyPath numpy = fresh.Import("numpy");

        object? int64 = await numpy.Call<object>("int64", 5);
        object? flag = await numpy.Call<object>("bool_", true);
        object? half = await numpy.Call<object>("float16", 0.5);

        Assert.Equal(5L, int64);
        Assert.Equal(true, flag);
        Assert.Equal(0.5, half);
    }

    [Fact]
    public async Task DisposedSharedArray_CannotBeSent_AndPythonDropsItsMapping()
    {
        PyObject code = await _code.Value;
        SharedArray<byte> bytes = SharedArray.Create<byte>(8);
        await code.Call("poke", bytes, 0, 7);
        long mapsBefore = (await _py.GetStatsAsync()).PythonSharedMaps;

        bytes.Dispose();
        await Task.Delay(50);

        Assert.Throws<ObjectDisposedException>(() => bytes.Span.Length);
        await Assert.ThrowsAsync<ObjectDisposedException>(() => code.Call("poke", bytes, 0, 1));
        Assert.Equal(mapsBefore - 1, (await _py.GetStatsAsync()).PythonSharedMaps);
        Assert.False(System.IO.File.Exists(bytes.FilePath));
    }

    [Fact]
    public void BadShapesAndTypes_AreRejectedWithClearMessages()
    {
        var count = Assert.Throws<ArgumentException>(() => SharedArray.CopyOf<float>(new float[5], 2, 2));
        var type = Assert.Throws<ArgumentException>(() => SharedArray.Create<decimal>(4));
        var empty = Assert.Throws<ArgumentException>(() => SharedArray.Create<float>());

        Assert.Contains("[2, 2] has 4 elements", count.Message);
        Assert.Contains("System.Decimal", type.Message);
        Assert.Contains("shape", empty.Message);
    }
}
