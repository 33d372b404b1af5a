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
}
