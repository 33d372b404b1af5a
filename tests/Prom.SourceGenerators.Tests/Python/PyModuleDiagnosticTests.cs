using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.Testing;
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
    public void UnmappableFunctions_AreReportedWithModuleFunctionParameterAndHint_AndTheRestIsGenerated()
    {
        CompilationRun run = PyModuleHarness.Run(new[] { new PyFile("/project/widgets.py", Module) }, "namespace App { }");
        Diagnostic[] diagnostics = run.GeneratorDiagnostics.OrderBy(d => d.Location.GetLineSpan().StartLinePosition.Line).ToArray();
        string Describe() => string.Join("\n", diagnostics.Select(d => $"{d.Id} {d.Location.GetLineSpan().Path}:{d.Location.GetLineSpan().StartLinePosition.Line + 1} {d.GetMessage()}"));

        (string Id, int Line, string[] Fragments)[] expected =
        {
            ("PROM0401", 7, new[] { "module 'widgets'", "function 'sets'", "parameter 'values'", "'set[int]'", "sets are not mapped" }),
            ("PROM0401", 10, new[] { "function 'either'", "parameter 'v'", "'int | str'", "unions of several types" }),
            ("PROM0401", 13, new[] { "function 'callback'", "parameter 'f'", "Callable[[int], int]", "callables are not mapped" }),
            ("PROM0401", 16, new[] { "function 'untyped_array'", "parameter 'a'", "hint '\"numpy.ndarray\"'", "numpy arrays need a dtype" }),
            ("PROM0403", 19, new[] { "function 'stream'", "async generators are not mapped" }),
            ("PROM0402", 25, new[] { "'readAll' becomes the C# name 'ReadAll'", "already generated for 'read_all'" }),
            ("PROM0400", 28, new[] { "function 'generic'", "type parameters" }),
            ("PROM0401", 31, new[] { "function 'bad_hint'", "parameter 'x'", "'list[int] int'", "cannot be read: unexpected 'int'" }),
        };
        Assert.True(diagnostics.Length == expected.Length, "diagnostics:\n" + Describe());
        for (int i = 0; i < expected.Length; i++)
        {
            Diagnostic d = diagnostics[i];
            Assert.True(d.Id == expected[i].Id && d.Location.GetLineSpan().StartLinePosition.Line + 1 == expected[i].Line, $"#{i}: expected {expected[i].Id} at line {expected[i].Line}\n" + Describe());
            Assert.Equal("/project/widgets.py", d.Location.GetLineSpan().Path);
            Assert.Equal(DiagnosticSeverity.Warning, d.Severity);
            Assert.EndsWith($"docs/diagnostics/{d.Id}.md", d.Descriptor.HelpLinkUri);
            foreach (string fragment in expected[i].Fragments) Assert.Contains(fragment, d.GetMessage());
        }

        Assert.Empty(run.CompilerDiagnostics);
        string source = run.Generated("WidgetsModule.Py.g.cs");
        Assert.Contains("Good(long x", source);
        Assert.Contains("ReadAll(", source);
        Assert.Contains("After(", source);
        Assert.DoesNotContain("Sets(", source);
        Assert.DoesNotContain("Either(", source);
    }

    [Fact]
    public void InvalidModuleName_IsReported()
    {
        CompilationRun run = PyModuleHarness.Run(new[] { new PyFile("/project/sensor-io.py", "def f() -> int:\n    return 1\n") }, "namespace App { }");
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("PROM0404", d.Id);
        Assert.Contains("'sensor-io' is not a Python import name", d.GetMessage());
        Assert.Empty(run.CompilerDiagnostics);
    }

    [Fact]
    public void UnterminatedString_IsReported_AndDefsBeforeItAreGenerated()
    {
        CompilationRun run = PyModuleHarness.Run(new[] { new PyFile("/project/broken.py", "def ok() -> int:\n    return 1\n\nx = 'never closed\n") }, "namespace App { }");
        Diagnostic d = Assert.Single(run.GeneratorDiagnostics);
        Assert.Equal("PROM0404", d.Id);
        Assert.Contains("line 4", d.GetMessage());
        Assert.Contains("Ok(", run.Generated("BrokenModule.Py.g.cs"));
    }
}
