using System;
using System.Linq;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests.Reliability;

/// <summary>A binary part is announced only once its bytes exist: buffers that cannot be written as they are never tear a frame.</summary>
public sealed class PartMaterializationTests
{
    [Fact]
    public async Task NonContiguousMemoryview_AsBytes_IsItsOwnBytes_AndTheBridgeLives()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, """
            def strided():
                return memoryview(b'ab' * 2000)[::2]
            def strided_2d():
                return memoryview(bytes(range(256)) * 16).cast('B', (64, 64))[::2]
            """);

        byte[] every = await code.Call<byte[]>("strided");
        PyBuffer twoD = await code.Call<PyBuffer>("strided_2d");
        double next = await py.Import("math").Call<double>("sqrt", 16);

        Assert.Equal(Enumerable.Repeat((byte)'a', 2000).ToArray(), every);
        Assert.Equal(32 * 64, twoD.Data.Length);
        Assert.Equal((byte)(2 * 64 % 256), twoD.Data[64]); // row 1 of the result is row 2 of the source
        Assert.Equal(4.0, next);
        Assert.True(py.IsAlive);
    }

    [Fact]
    public async Task NonContiguousTypedMemoryview_AsBytes_IsTheSelectedElementsBytes()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, """
            import array
            def every_other():
                return memoryview(array.array('d', range(10)))[::2]
            """);

        byte[] bytes = await code.Call<byte[]>("every_other");

        Assert.Equal(MemoryMarshal.AsBytes(new double[] { 0, 2, 4, 6, 8 }.AsSpan()).ToArray(), bytes);
        Assert.Equal(3.0, await py.Import("math").Call<double>("sqrt", 9));
    }
}
