using System;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests.Reliability;

/// <summary>Whatever an exception holds, it becomes a <see cref="PythonException"/> for its own call.</summary>
public sealed class ErrorEncodingTests
{
    [Fact]
    public async Task MessageWithLoneSurrogates_IsAPythonExceptionForThatCall_AndTheBridgeLives()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, """
            def fail():
                raise ValueError(b'caf\xe9'.decode('utf-8', 'surrogateescape'))
            """);

        var error = await Assert.ThrowsAsync<PythonException>(() => code.Call<object>("fail"));

        Assert.Equal("ValueError", error.TypeName);
        Assert.StartsWith("caf", error.PythonMessage);
        Assert.Contains("udce9", error.PythonMessage); // the unencodable character is shown, escaped
        Assert.Equal(4.0, await py.Import("math").Call<double>("sqrt", 16));
        Assert.True(py.IsAlive);
    }

    [Fact]
    public async Task ExceptionWhoseStrRaises_IsAPythonExceptionForThatCall_AndTheBridgeLives()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        PyObject code = await PythonCode.DefineAsync(py, """
            class Opaque(Exception):
                def __str__(self):
                    raise RuntimeError("str is broken")
            def fail():
                raise Opaque()
            """);

        var error = await Assert.ThrowsAsync<PythonException>(() => code.Call<object>("fail"));

        Assert.Equal("prom_test_helpers.Opaque", error.TypeName);
        Assert.Contains("str() failed", error.PythonMessage);
        Assert.Contains("str is broken", error.PythonMessage);
        Assert.Equal(4.0, await py.Import("math").Call<double>("sqrt", 16));
    }

    [Fact]
    public async Task BrokenOutputFromPython_IsAProtocolError_ThatSaysTheHostStoppedTheChild()
    {
        await using PyBridge py = await PyBridge.StartAsync(TestPython.Options());
        byte[] json = "{\"id\": 1, \"ok\": tru"u8.ToArray(); // a well-framed JSON frame that is not JSON

        var error = await Assert.ThrowsAsync<BridgeProtocolException>(() => PythonCode.WriteRawFrameAsync(py, 1, json));
        var later = await Assert.ThrowsAsync<BridgeProtocolException>(() => py.PingAsync());

        Assert.Contains("stopped Python process", error.Message);
        Assert.Same(error, later);
        await py.Completion.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.False(py.IsAlive);
    }

    [Fact]
    public async Task ChildKilledByTheBridge_SaysSo_NotJustAnExitCode()
    {
        var options = TestPython.Options();
        options.AbandonedCallGrace = TimeSpan.FromMilliseconds(200);
        await using PyBridge py = await PyBridge.StartAsync(options);

        await Assert.ThrowsAsync<TimeoutException>(() => py.Import("time").WithTimeout(TimeSpan.FromMilliseconds(100)).Call("sleep", 1e6));
        await py.Completion.WaitAsync(TimeSpan.FromSeconds(20));
        var later = await Assert.ThrowsAsync<PythonProcessExitedException>(() => py.PingAsync());

        Assert.True(later.KilledByHost);
        Assert.Contains("killed by the bridge", later.Message);
    }
}
