using System.Collections.Generic;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bridge.Tests.Ring;

/// <summary>
/// The Python half keeps the parse of a repeated request (the same bytes after the id) for small calls. A kept request
/// must be served afresh every time, answer under its own id, and never hand the called code a list or dict another
/// call saw.
/// </summary>
public sealed class RequestCacheTests
{
    private const string Helpers = """
        calls = []
        def count(x):
            calls.append(x)
            return len(calls)
        def grow(xs, extra=None):
            xs.append(0)
            if extra is not None:
                extra['n'] = extra.get('n', 0) + 1
                return len(xs) * 10 + extra['n']
            return len(xs)
        class Box:
            pass
        box = Box()
        """;

    [Theory]
    [InlineData(SmallCallTransport.Pipe)]
    [InlineData(SmallCallTransport.SharedMemory)]
    public async Task RepeatedIdenticalCalls_AreServedEachTime_AndNeverShareAMutableArgument(SmallCallTransport transport)
    {
        await using PyBridge py = await PyBridge.StartAsync(SharedRingTests.RingOptions(transport: transport));
        PyObject code = await PythonCode.DefineAsync(py, Helpers);

        for (long i = 1; i <= 300; i++)
        {
            Assert.Equal(i, await code.Call<long>("count", 7L)); // the same request 300 times: run 300 times
        }

        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(3L, await code.Call<long>("grow", new List<object> { 1L, 2L })); // a fresh list each call
            Assert.Equal(31L, await code.Call<long>("grow", new List<object> { 1L, 2L }, new PyKwargs { ["extra"] = new Dictionary<string, object>() }));
        }

        PyObject box = await code.Get<PyObject>("box");
        for (int i = 0; i < 3; i++)
        {
            await box.Path.SetAttr("items", new List<object> { "a" }); // a list stored by a chain step: never one another call stored
            await box.Path.Attr("items").Call("append", "b");
            Assert.Equal(2L, await box.Path.Attr("items").Then("__len__").Get<long>());
        }

        // More distinct repeated requests than are kept, interleaved: each answered rightly under its own id.
        PyPath ops = py.Import("operator");
        for (int round = 0; round < 3; round++)
        {
            for (long v = 0; v < 100; v++)
            {
                Assert.Equal(-v, await ops.Call<long>("neg", v));
                Assert.Equal(v + 0.5, await ops.Call<double>("add", v, 0.5));
            }
        }

        Assert.True(py.IsAlive);
    }
}
