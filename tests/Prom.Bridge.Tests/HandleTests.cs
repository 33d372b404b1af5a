using System;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class HandleTests : IClassFixture<BridgeFixture>
{
    private readonly PyBridge _py;

    public HandleTests(BridgeFixture fixture) => _py = fixture.Py;

    [Fact]
    public async Task SameObjectTwice_IsTheSameHandle_AndIsEqualInPython()
    {
        PyObject first = await _py.ImportAsync("collections");
        PyObject second = await _py.Import("collections").GetHandle();

        Assert.Same(first, second);
        Assert.True(await _py.Import("operator").Call<bool>("is_", first, second));
    }

    [Fact]
    public async Task HandleOps_GetattrSetattrGetitemCallRepr_Work()
    {
        PyObject ns = await _py.Import("types").Call<PyObject>("SimpleNamespace", new PyKwargs { ["a"] = 1 });
        await ns.SetAttr("b", "two");
        PyObject list = await _py.Builtins.Call<PyObject>("list", "xyz");

        Assert.Equal(1, await ns.Get<int>("a"));
        Assert.Equal("two", await ns.Get<string>("b"));
        Assert.Equal("namespace(a=1, b='two')", await ns.Repr());
        Assert.Equal("y", await list.GetItem<string>(1));
        Assert.Equal("y", await list.Item(1).Get<string>());
        await list.Call("append", "!");
        Assert.Equal(4, await _py.Builtins.Call<int>("len", list));
        PyObject len = await _py.Builtins.Attr("len").GetHandle();
        Assert.Equal(4, await len.Invoke<int>(list));
        PyObject shout = await _py.Builtins.Attr("str").Invoke<PyObject>("xyz!");
        Assert.Equal("XYZ!", await shout.Call<string>("upper"));
        await ns.Path.SetAttr("c", 3.5);
        Assert.Equal(3.5, await ns.Get<double>("c"));
    }

    [Fact]
    public async Task ChainRootedAtAHandle_IsOneRequest()
    {
        PyObject path = await _py.Import("os").Attr("path").GetHandle();
        long before = (await _py.GetStatsAsync()).RequestsSent;

        string joined = await path.Path.Then("join", "a", "b").Call<string>("upper");

        Assert.Equal("A/B", joined);
        Assert.Equal(2, (await _py.GetStatsAsync()).RequestsSent - before);
    }

    [Fact]
    public async Task DisposedHandle_ThrowsObjectDisposed_AndUnknownHandleIsAnErrorNotNone()
    {
        PyObject obj = await _py.Builtins.Call<PyObject>("object");
        await obj.DisposeAsync();
        PyObject forged = _py.Handles.Receive(987654321);

        await Assert.ThrowsAsync<ObjectDisposedException>(() => obj.Repr());
        await Assert.ThrowsAsync<ObjectDisposedException>(() => _py.Builtins.Call<string>("repr", obj));
        var unknown = await Assert.ThrowsAsync<BridgeHandleException>(() => forged.Repr());
        var unknownAsArgument = await Assert.ThrowsAsync<BridgeHandleException>(() => _py.Builtins.Call<string>("repr", forged));
        Assert.Contains("987654321", unknown.Message);
        Assert.Contains("987654321", unknownAsArgument.Message);
        Assert.Equal(2, await _py.Builtins.Call<int>("len", "ab"));
    }

    [Fact]
    public async Task TenThousandCreateReleaseCycles_ReturnTheObjectTableToItsBaseline()
    {
        // Its own process: handles other tests leave to the finalizer must not move the baseline.
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject keep = await py.ImportAsync("math");
        PyBridgeStats baseline = await py.GetStatsAsync();

        for (int i = 0; i < 10_000; i++)
        {
            PyObject obj = await py.Builtins.Call<PyObject>("object");
            await obj.DisposeAsync();
        }

        PyBridgeStats after = await py.GetStatsAsync();
        Assert.Equal(1, baseline.PythonObjects);
        Assert.Equal(baseline.PythonObjects, after.PythonObjects);
        Assert.Equal(baseline.PythonReferences, after.PythonReferences);
        Assert.Equal(baseline.HostHandles, after.HostHandles);
        GC.KeepAlive(keep);
    }

    [Fact]
    public async Task UnreachableHandles_AreReleasedByTheFinalizer()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyBridgeStats baseline = await py.GetStatsAsync();
        var handles = new System.Collections.Generic.List<PyObject>();
        for (int i = 0; i < 50; i++)
        {
            handles.Add(await py.Builtins.Call<PyObject>("object"));
        }

        Assert.Equal(baseline.PythonObjects + 50, (await py.GetStatsAsync()).PythonObjects);
        handles.Clear(); // now unreachable: only their finalizers can release them

        PyBridgeStats after = baseline;
        for (int attempt = 0; attempt < 50 && after.PythonObjects != baseline.PythonObjects; attempt++)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            await Task.Delay(20);
            after = await py.GetStatsAsync();
        }

        Assert.Equal(baseline.PythonObjects, after.PythonObjects);
    }

    [Fact]
    public async Task HandleReceivedTwice_NeedsOneDispose_AndSurvivesAReleaseRace()
    {
        PyObject holder = await _py.Builtins.Call<PyObject>("list");
        await holder.Call("append", holder);
        PyBridgeStats before = await _py.GetStatsAsync();

        PyObject again = await holder.GetItem<PyObject>(0);
        Assert.Same(holder, again);
        await again.DisposeAsync();

        PyBridgeStats after = await _py.GetStatsAsync();
        Assert.Equal(before.PythonObjects - 1, after.PythonObjects);
    }
}
