using System;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests.Reliability;

/// <summary>A part beyond the protocol's size limit is a clear error for its call, raised before anything is sent.</summary>
public sealed class PartLimitTests
{
    [Fact]
    public async Task ResultLargerThanTheHostCanHoldAsOneArray_IsABridgeLimitErrorForThatCall()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        // 2.2 GB of untouched anonymous memory: costs no RAM, and is larger than a .NET byte[] can be.
        PyObject code = await PythonCode.DefineAsync(py, """
            import mmap
            def huge():
                return memoryview(mmap.mmap(-1, 2_200_000_000))
            """);

        var error = await Assert.ThrowsAsync<BridgeLimitException>(() => code.Call<byte[]>("huge"));

        Assert.Contains("2200000000", error.Message);
        Assert.Contains("SharedArray", error.Message);
        Assert.Equal(4.0, await py.Import("math").Call<double>("sqrt", 16));
        Assert.True(py.IsAlive);
    }

    [Fact]
    public void HostPartLimit_IsTheLargestArrayDotNetCanAllocate()
        => Assert.Equal(Prom.Bridge.Protocol.FrameLimits.MaxPartBytes, Array.MaxLength);
}
