using System;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

/// <summary>
/// Large primitive arrays passed by value travel in reusable shared segments (LendingPool): correct on every call,
/// read-only in Python like a copy, and never overwritten while Python still refers to them.
/// </summary>
public sealed class LentArrayTests
{
    private const int Large = 1 << 20; // 8 MiB of doubles: well above the lending threshold

    [Fact]
    public async Task LargeArraysByValue_AreSummedRightly_CallAfterCall_InOneReusedSegment()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, """
            import numpy as np
            def total(a):
                return float(np.sum(a)), a.flags.writeable, a.dtype.str, list(a.shape)
            """);

        for (int round = 1; round <= 4; round++)
        {
            double[,] data = new double[Large / 1024, 1024];
            data[0, 0] = round;
            data[(Large / 1024) - 1, 1023] = 1000 * round;
            object?[] result = await code.Call<object?[]>("total", data);

            Assert.Equal(1001.0 * round, (double)result[0]!);
            Assert.Equal(false, result[1]); // read-only, as an array passed by value always was
            Assert.Equal("<f8", result[2]);
            Assert.Equal(new object[] { 1024L, 1024L }, ((System.Collections.Generic.List<object?>)result[3]!).ToArray());
        }

        PyBridgeStats stats = await py.GetStatsAsync();
        Assert.True(stats.BytesSent < 1 << 20, $"{stats.BytesSent} bytes went through the pipe"); // the arrays did not
    }

    [Fact]
    public async Task ArrayKeptByPythonAfterTheCall_IsNeverOverwrittenByTheNextCall()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, """
            import numpy as np
            kept = []
            def keep(a):
                kept.append(a[::2])   # a view of the lent memory outlives the call
                return float(a[0])
            def first_kept():
                return float(kept[0][0]), float(kept[0].sum())
            def total(a):
                return float(np.sum(a))
            """);
        double[] first = Enumerable.Repeat(1.0, Large).ToArray();
        double[] second = Enumerable.Repeat(7.0, Large).ToArray();

        Assert.Equal(1.0, await code.Call<double>("keep", first));
        Assert.Equal(7.0 * Large, await code.Call<double>("total", second));
        Assert.Equal(7.0 * Large, await code.Call<double>("total", second));
        object?[] stillFirst = await code.Call<object?[]>("first_kept");

        Assert.Equal(1.0, (double)stillFirst[0]!);
        Assert.Equal(Large / 2.0, (double)stillFirst[1]!);
    }

    [Fact]
    public async Task ArrayReturnedAsAHandle_KeepsItsData()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        double[] first = Enumerable.Range(0, Large).Select(i => (double)i).ToArray();

        PyObject handle = await py.Import("numpy").Call<PyObject>("asarray", first); // the same array, not a copy
        await py.Import("numpy").Call<double>("sum", Enumerable.Repeat(3.0, Large).ToArray());

        Assert.Equal(Large - 1.0, await handle.Call<double>("max"));
        Assert.Equal(12.0, await handle.GetItem<double>(12));
    }

    [Fact]
    public async Task ArraysAtTheLimitOfThePipePath_StillTravelAsParts()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        float[] small = Enumerable.Repeat(0.5f, 1000).ToArray();

        Assert.Equal(500.0, await py.Import("numpy").Call<double>("sum", small));
    }
}
