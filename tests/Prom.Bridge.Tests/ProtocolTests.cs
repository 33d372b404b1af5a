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

    [Theory]
    [InlineData(SmallCallTransport.Pipe)]
    [InlineData(SmallCallTransport.SharedMemory)]
    public async Task Ping_IsOneThirteenByteBinaryFrameEachWay_AndCountsAsARequestInPython(SmallCallTransport transport)
    {
        PyBridgeOptions options = TestPython.Options();
        options.SmallCalls = transport;
        await using PyBridge py = await PyBridge.StartAsync(options);
        PyBridgeStats first = await py.GetStatsAsync();
        PyBridgeStats before = await py.GetStatsAsync(); // first → before: what one stats round trip costs

        for (int i = 0; i < 10; i++)
        {
            await py.PingAsync();
        }

        PyBridgeStats after = await py.GetStatsAsync();
        long statsSent = before.BytesSent - first.BytesSent;
        long statsReceived = before.BytesReceived - first.BytesReceived;
        Assert.Equal(11, after.PythonRequests - before.PythonRequests); // ten pings and the last stats request
        Assert.Equal(11, after.RequestsSent - before.RequestsSent);
        // 25 bytes each way per ping (17-byte header, 8-byte id), no JSON; ±2 for ids and counters gaining a digit. Through
        // the ring the same frames travel (counted alike), plus a 17-byte doorbell on the pipe whenever the other side
        // had stopped spinning (at most one per message, the stats requests' included).
        int doorbells = transport == SmallCallTransport.Pipe ? 0 : 12 * 17;
        Assert.InRange(after.BytesSent - before.BytesSent - statsSent, 250 - 2 - doorbells, 250 + 2 + doorbells);
        Assert.InRange(after.BytesReceived - before.BytesReceived - statsReceived, 250 - 2 - doorbells, 250 + 2 + doorbells);
    }

    [Fact]
    public async Task TornFrameFromPython_FailsTheHeaderCrc_AndStopsTheChild()
    {
        // Through the pipe: with the ring the call's answer would come back intact through shared memory, and the
        // garbage left in the pipe would be found only at the next read of the pipe (the ring fuzz covers the ring).
        PyBridgeOptions options = TestPython.Options();
        options.SmallCalls = SmallCallTransport.Pipe;
        await using PyBridge py = await PyBridge.StartAsync(options);
        PyObject main = await py.ImportAsync("__main__");
        long protocolFd = await main.Get<long>("_out_fd");

        // Bytes of no frame at all (what a torn frame leaves behind), ahead of the call's own answer.
        Task corrupt = py.Import("os").Call("write", protocolFd, new byte[] { 0, 0, 0, 3, 1, (byte)'a', (byte)'b', (byte)'c' });
        var error = await Assert.ThrowsAsync<BridgeProtocolException>(() => corrupt);

        Assert.Contains("CRC", error.Message);
        await py.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(py.IsAlive);
    }

    [Fact]
    public async Task MalformedFrameFromPython_FailsEveryCallWithAProtocolError_AndStopsTheChild()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());

        // A well-framed frame of an unknown kind written into the protocol stream, ahead of the call's own answer.
        Task corrupt = PythonCode.WriteRawFrameAsync(py, 9, "abc"u8.ToArray());
        var error = await Assert.ThrowsAsync<BridgeProtocolException>(() => corrupt);

        Assert.Contains("kind 9", error.Message);
        await Assert.ThrowsAsync<BridgeProtocolException>(() => py.PingAsync());
        await py.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(py.IsAlive);
    }
}
