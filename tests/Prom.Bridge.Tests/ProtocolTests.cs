using System;
using System.Threading.Tasks;
using Prom.Bridge;
using Prom.Bridge.Protocol;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class ProtocolTests
{
    [Fact]
    public async Task UnknownOp_IsAProtocolErrorForThatRequestOnly()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());

        var error = await Assert.ThrowsAsync<BridgeProtocolException>(() => py.SendAsync(py.NewRequest("teleport"), ReturnMode.Auto, null, default));

        Assert.Contains("teleport", error.Message);
        Assert.Equal(4.0, await py.Import("math").Call<double>("sqrt", 16));
    }

    [Fact]
    public async Task MalformedFrameFromPython_FailsEveryCallWithAProtocolError_AndStopsTheChild()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject main = await py.ImportAsync("__main__");
        long protocolFd = await main.Get<long>("_out_fd");

        // A frame of an unknown kind written straight into the protocol stream, ahead of the call's own answer.
        Task corrupt = py.Import("os").Call("write", protocolFd, new byte[] { 0, 0, 0, 3, 9, (byte)'a', (byte)'b', (byte)'c' });
        var error = await Assert.ThrowsAsync<BridgeProtocolException>(() => corrupt);

        Assert.Contains("kind 9", error.Message);
        await Assert.ThrowsAsync<BridgeProtocolException>(() => py.PingAsync());
        await py.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(py.IsAlive);
    }
}
