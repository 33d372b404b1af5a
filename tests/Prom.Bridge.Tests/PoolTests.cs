using System;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class PoolTests
{
    [Fact]
    public async Task Pool_SpreadsCalls_AndHandlesStayWithTheirProcess()
    {
        await using PyBridgePool pool = await PyBridgePool.StartAsync(2, TestPython.Options());
        PyBridge a = pool.Bridges[0];
        PyBridge b = pool.Bridges[1];

        int[] pids = await Task.WhenAll(Enumerable.Range(0, 40).Select(_ => pool.Import("os").Call<int>("getpid")));
        PyObject list = await a.Builtins.Call<PyObject>("list", "abc");

        Assert.NotEqual(a.ProcessId, b.ProcessId);
        Assert.Equal(new[] { a.ProcessId, b.ProcessId }.OrderBy(p => p), pids.Distinct().OrderBy(p => p));
        Assert.Same(a, list.Bridge);
        Assert.Equal(3, await a.Builtins.Call<int>("len", list));
        var error = await Assert.ThrowsAsync<BridgeHandleException>(() => b.Builtins.Call<int>("len", list));
        Assert.Contains($"process {a.ProcessId}", error.Message);
        Assert.Contains($"process {b.ProcessId}", error.Message);
        Assert.Equal(3, await list.Bridge.Builtins.Call<int>("len", list));
    }

    [Fact]
    public async Task Pool_SkipsAProcessThatExited()
    {
        await using PyBridgePool pool = await PyBridgePool.StartAsync(2, TestPython.Options());
        PyBridge dead = pool.Bridges[0];
        await Assert.ThrowsAsync<PythonProcessExitedException>(() => dead.Import("os").Call("_exit", 5));

        int[] pids = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => pool.Import("os").Call<int>("getpid")));

        Assert.All(pids, pid => Assert.Equal(pool.Bridges[1].ProcessId, pid));
    }
}
