using System;
using Python.Runtime;

namespace Prom.Benchmarks.Bridge;

/// <summary>
/// The in-process peer: pythonnet 3.2.1 hosting Debian's libpython3.11 inside this process (benchmark only). Each call
/// takes the GIL, calls <c>math.sqrt(16.0)</c> and converts the result, as a C# caller of pythonnet would.
/// </summary>
internal sealed class InProcessPython
{
    public const string LibPython = "/usr/lib/x86_64-linux-gnu/libpython3.11.so.1.0";

    private static readonly object s_start = new();
    private readonly Python.Runtime.PyObject _sqrt;
    private readonly Python.Runtime.PyObject _sixteen;

    public InProcessPython()
    {
        lock (s_start)
        {
            if (!PythonEngine.IsInitialized)
            {
                Runtime.PythonDLL = LibPython;
                PythonEngine.Initialize();
                PythonEngine.BeginAllowThreads(); // calls take the GIL themselves, like a real host
            }
        }

        using (Py.GIL())
        {
            _sqrt = Py.Import("math").GetAttr("sqrt");
            _sixteen = new PyFloat(16.0);
        }
    }

    /// <summary><c>math.sqrt(16.0)</c> in process, GIL taken and released.</summary>
    public double Sqrt()
    {
        using (Py.GIL())
        {
            using Python.Runtime.PyObject result = _sqrt.Invoke(_sixteen);
            return result.As<double>();
        }
    }
}
