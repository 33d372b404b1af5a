using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Prom.SourceGenerators.Python;
using Prom.Testing.Verifiers;
using Xunit;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>What cannot be mapped is reported on the .py file naming module, function, parameter and hint; the rest is generated.</summary>
public sealed class PyModuleDiagnosticTests
{
    private const string Module = """
        import typing
        from typing import Callable

        def good(x: int) -> int:
            return x

        def sets(values: set[int]) -> int:
            return len(values)

        def either(v: int | str) -> int:
            return 1

        def callback(f: Callable[[int], int]) -> int:
            return f(1)

        def untyped_array(a: "numpy.ndarray") -> float:
            return 0.0

        async def stream() -> typing.AsyncIterator[int]:
            yield 1

        def read_all() -> int:
            return 1

        def readAll() -> int:
            return 2

        def generic[T](x: T) -> T:
            return x

        def bad_hint(x: list[int] int) -> int:
            return 1

        def after() -> str:
            return "still generated"
        """;

    [Fact]
    public Task UnmappableFunctions_AreReportedWithModuleFunctionParameterAndHint_AndTheRestIsGenerated()
    {
        // Each diagnostic sits at the start of its def line in the .py file; the golden wrapper holds the functions
        // that map (good, read_all, after) and none of the others.
        PromGeneratorTest test = Test("/project/widgets.py", Module);
        test.ExpectedDiagnostics.AddRange(new[]
        {
            At(7, "PROM0401", "Python module 'widgets', function 'sets': parameter 'values' has the hint 'set[int]', which is not mapped to C# (sets are not mapped (the bridge sends C# collections as lists); use list[...]); no method was generated for 'sets'"),
            At(10, "PROM0401", "Python module 'widgets', function 'either': parameter 'v' has the hint 'int | str', which is not mapped to C# (unions of several types are not mapped (only X | None); split the function or use a common type); no method was generated for 'either'"),
            At(13, "PROM0401", "Python module 'widgets', function 'callback': parameter 'f' has the hint 'Callable[[int], int]', which is not mapped to C# (callables are not mapped); no method was generated for 'callback'"),
            At(16, "PROM0401", "Python module 'widgets', function 'untyped_array': parameter 'a' has the hint '\"numpy.ndarray\"', which is not mapped to C# (numpy arrays need a dtype: NDArray[np.float64] (or Annotated[NDArray[np.void], \"My.Struct\"] for [Struct] arrays); arrays inside containers are not mapped); no method was generated for 'untyped_array'"),
            At(19, "PROM0403", "Python module 'widgets', function 'stream': async generators are not mapped (an async def that yields); return a list or use a plain generator; no method was generated for it"),
            At(25, "PROM0402", "Python module 'widgets': 'readAll' becomes the C# name 'ReadAll', which is already generated for 'read_all'; 'readAll' was not generated"),
            At(28, "PROM0400", "Python module 'widgets', function 'generic': the signature cannot be read (type parameters (def f[T](...)) are not supported); no method was generated for it"),
            At(31, "PROM0401", "Python module 'widgets', function 'bad_hint': parameter 'x' has the hint 'list[int] int', which is not mapped to C# (it cannot be read: unexpected 'int'); no method was generated for 'bad_hint'"),
        });
        return Golden.VerifyAsync("Python", "Widgets", test);
    }

    private static DiagnosticResult At(int line, string id, string message) => At("/project/widgets.py", line, id, message);

    /// <summary>A generator test of one .py module marked for wrapping (root namespace App), as PyModuleHarness sets it up.</summary>
    private static PromGeneratorTest Test(string path, string text)
    {
        var test = new PromGeneratorTest();
        test.TestState.Sources.Add("namespace App { }");
        test.TestState.AdditionalFiles.Add((path, text));
        test.TestState.AnalyzerConfigFiles.Add(("/.globalconfig",
            $"is_global = true\nbuild_property.RootNamespace = {PyModuleHarness.RootNamespace}\n\n[{path}]\n{PyModuleInput.ModuleMetadata} = true\n"));
        test.TestState.AdditionalReferences.Add(PromTestProject.ReferenceTo<Prom.Bridge.PyBridge>());
        test.Generators.Add(typeof(PyModuleGenerator));
        test.Generators.Add(typeof(Prom.SourceGenerators.Structs.StructGenerator));
        return test;
    }

    [Fact]
    public Task InvalidModuleName_IsReportedOnTheFile_AndNothingIsGenerated()
    {
        // No generated file is listed, so the framework fails the test on any output; compiler warnings count too.
        PromGeneratorTest test = Test("/project/sensor-io.py", "def f() -> int:\n    return 1\n");
        test.ExpectedDiagnostics.Add(At("/project/sensor-io.py", 1, "PROM0404",
            "The Python file '/project/sensor-io.py' cannot be a typed module: 'sensor-io' is not a Python import name (set the PromPythonModule metadata to one)"));
        return test.RunAsync();
    }

    [Fact]
    public async Task UnterminatedString_IsReportedOnItsLine_AndDefsBeforeItAreGenerated()
    {
        PromGeneratorTest test = Test("/project/broken.py", "def ok() -> int:\n    return 1\n\nx = 'never closed\n");
        test.ExpectedDiagnostics.Add(At("/project/broken.py", 4, "PROM0404",
            "The Python file '/project/broken.py' cannot be a typed module: the file cannot be read past line 4: a string that is never closed"));
        test.TestBehaviors |= TestBehaviors.SkipGeneratedSourcesCheck; // the wrapper's text is the golden tests' concern
        await test.RunAsync();
        GeneratedSource module = Assert.Single(test.Generated, file => file.HintName == "App.BrokenModule.Py.g.cs");
        Assert.Contains("Ok(", module.Text);
    }

    private static DiagnosticResult At(string path, int line, string id, string message) =>
        new DiagnosticResult(id, DiagnosticSeverity.Warning).WithSpan(path, line, 1, line, 1).WithMessage(message);
}
