using System.Threading.Tasks;
using Prom.Bridge;

namespace Prom.Bridge.Tests;

/// <summary>Defines a throw-away Python module from source, for tests that need their own functions.</summary>
internal static class PythonCode
{
    public static async Task<PyObject> DefineAsync(PyBridge py, string source)
    {
        PyObject module = await py.Import("types").Call<PyObject>("ModuleType", "prom_test_helpers");
        await using PyObject globals = await module.Get<PyObject>("__dict__");
        await py.Builtins.Call("exec", source, globals);
        return module;
    }

    /// <summary>Makes the runtime write one frame of <paramref name="kind"/> (with a valid header) into its protocol stream.</summary>
    public static async Task WriteRawFrameAsync(PyBridge py, int kind, byte[] payload)
    {
        PyObject code = await DefineAsync(py, """
            import __main__ as runtime
            def raw(kind, payload):
                runtime._write_all(runtime._header(len(payload), kind, payload) + payload)
            """);
        await code.Call("raw", kind, payload);
    }
}
