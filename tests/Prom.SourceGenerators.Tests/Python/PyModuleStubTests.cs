using System.Linq;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>A <c>.pyi</c> stub next to the <c>.py</c> of the same module: one class, from the stub (no CS0101).</summary>
public sealed class PyModuleStubTests
{
    private const string Implementation = "def scale(x, factor=2):\n    return x * factor\n\ndef helper(s: str) -> str:\n    return s\n";
    private const string Stub = "def scale(x: float, factor: float = 2.0) -> float: ...\n";

    [Fact]
    public void StubAndImplementationOfOneModule_GenerateOneClass_FromTheStub()
    {
        CompilationRun run = PyModuleHarness.Run(
            new[] { new PyFile("/project/sensors.py", Implementation), new PyFile("/project/stubs/sensors.pyi", Stub) }, "namespace App { }");

        Assert.Empty(run.CompilerDiagnostics); // CS0101 before: both files became App.SensorsModule
        Assert.Empty(run.GeneratorDiagnostics);
        string source = Assert.Single(run.GeneratedSources, s => s.Key.Contains("SensorsModule")).Value;
        Assert.Contains("Scale(double x, double factor = 2", source); // the stub's hints, not the untyped .py
        Assert.DoesNotContain("Helper(", source);
    }

    [Fact]
    public void ImplementationWithoutItsStub_OrInAnotherNamespace_IsStillGenerated()
    {
        CompilationRun run = PyModuleHarness.Run(
            new[]
            {
                new PyFile("/project/sensors.pyi", Stub),
                new PyFile("/project/other/sensors.py", Implementation, Namespace: "App.Other"),
                new PyFile("/project/tools.py", Implementation),
            },
            "namespace App { }");

        Assert.Empty(run.CompilerDiagnostics);
        Assert.Equal(3, run.GeneratedSources.Count(s => s.Key.EndsWith(".Py.g.cs", System.StringComparison.Ordinal) || s.Key.EndsWith(".Pyi.g.cs", System.StringComparison.Ordinal)));
        Assert.Contains(run.GeneratedSources, s => s.Value.Contains("namespace App.Other") && s.Value.Contains("Helper("));
        Assert.Contains(run.GeneratedSources, s => s.Value.Contains("class ToolsModule") && s.Value.Contains("Helper("));
    }
}
