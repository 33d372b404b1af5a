using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class GeneratedStructArrayTests : IClassFixture<BridgeFixture>
{
    private readonly PyBridge _py;

    public GeneratedStructArrayTests(BridgeFixture fixture) => _py = fixture.Py;

    [Fact]
    public async Task GeneratedStructArray_IsANumpyViewWithTheGeneratedDtype_AndWritesGoBothWays()
    {
        PyObject code = await PythonCode.DefineAsync(_py, """
            import numpy as np
            def info(a):
                return [list(a.shape), a.dtype.itemsize, list(a.dtype.names), a["mass"].tolist(),
                        a["pts_3_y"].tolist(), a["active"].tolist(), a["kind"].tolist()]
            def move(a):
                a["pts_0_x"] += 100
                a["mass"] = a["mass"] * 2
                a["active"] = ~a["active"]
            """);
        using SharedArray<Body> bodies = SharedArray.CreateStructs<Body>(2, 3);
        for (int i = 0; i < bodies.Length; i++)
        {
            ref Body body = ref bodies[i];
            body.Kind = (byte)i;
            body.Mass = i + 0.5;
            body.Active = i % 2 == 0;
            body.Pts[0].X = i;
            body.Pts[3].Y = -i;
        }

        List<object?> info = await code.Call<List<object?>>("info", bodies);
        await code.Call("move", bodies);

        Assert.Equal(new List<object?> { 2L, 3L }, info[0]);
        Assert.Equal((long)Body.Layout.Size, info[1]);
        Assert.Equal((long)Unsafe.SizeOf<Body>(), info[1]);
        Assert.Contains("pts_3_y", (List<object?>)info[2]!);
        Assert.Equal(new List<object?> { new List<object?> { 0.5, 1.5, 2.5 }, new List<object?> { 3.5, 4.5, 5.5 } }, info[3]);
        Assert.Equal(new List<object?> { new List<object?> { -0.0, -1.0, -2.0 }, new List<object?> { -3.0, -4.0, -5.0 } }, info[4]);
        Assert.Equal(new List<object?> { new List<object?> { true, false, true }, new List<object?> { false, true, false } }, info[5]);
        for (int i = 0; i < bodies.Length; i++)
        {
            Body body = bodies[i];
            Assert.Equal(i + 100f, body.Pts[0].X);
            Assert.Equal((i + 0.5) * 2, body.Mass);
            Assert.Equal(i % 2 != 0, body.Active);
            Assert.Equal((byte)i, body.Kind);
        }
    }

    [Fact]
    public async Task StructColumnStatistics_InOneRoundTrip_WithAResultArrayBack()
    {
        using SharedArray<Vec2> points = SharedArray.CreateStructs<Vec2>(4);
        for (int i = 0; i < points.Length; i++)
        {
            points[i].X = i;
            points[i].Y = 10 * i;
        }

        double meanX = await _py.Import("numpy").Then("asarray", points).Item("x").Call<double>("mean");
        float[] ys = await _py.Import("numpy").Then("asarray", points).Item("y").Call<float[]>("copy");

        Assert.Equal(1.5, meanX);
        Assert.Equal(new[] { 0f, 10f, 20f, 30f }, ys);
    }
    [Fact]
    public async Task UntypedStructArrayResult_IsCheckedFieldByField_NotOnlyByItsSize()
    {
        PyObject code = await PythonCode.DefineAsync(_py, """
            import numpy as np
            def make(names, formats):
                a = np.zeros(3, dtype={'names': names, 'formats': formats})
                a[names[0]] = [1, 2, 3]
                return a
            """);

        // The right layout comes back as a SharedArray<Vec2> with its values.
        using (SharedArray<Vec2> good = await code.Call<SharedArray<Vec2>>("make", new[] { "x", "y" }, new[] { "<f4", "<f4" }))
        {
            Assert.Equal(new[] { 1f, 2f, 3f }, new[] { good[0].X, good[1].X, good[2].X });
        }

        // Same item size (8 bytes), different fields: each would have been read as a wrong answer before.
        InvalidCastException swapped = await Assert.ThrowsAsync<InvalidCastException>(
            () => code.Call<SharedArray<Vec2>>("make", new[] { "y", "x" }, new[] { "<f4", "<f4" }));
        Assert.Contains("field 0 is 'y'", swapped.Message);
        Assert.Contains("'x'", swapped.Message);

        InvalidCastException ints = await Assert.ThrowsAsync<InvalidCastException>(
            () => code.Call<SharedArray<Vec2>>("make", new[] { "x", "y" }, new[] { "<f4", "<i4" }));
        Assert.Contains("field 1 is 'y' (<i4 at offset 4)", ints.Message);
        Assert.Contains("Vec2", ints.Message);

        InvalidCastException one = await Assert.ThrowsAsync<InvalidCastException>(
            () => code.Call<SharedArray<Vec2>>("make", new[] { "xy" }, new[] { "<f8" }));
        Assert.Contains("1 fields", one.Message);

        InvalidCastException plain = await Assert.ThrowsAsync<InvalidCastException>(
            () => _py.Import("numpy").Call<SharedArray<Vec2>>("zeros", 3, "<f8")); // 3 items of 8 bytes, but no fields at all
        Assert.Contains("not a structured dtype", plain.Message);
    }
}
