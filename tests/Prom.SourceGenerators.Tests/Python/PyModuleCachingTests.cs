using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Prom.SourceGenerators.Python;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>Editing one .py file regenerates only its wrapper; C# edits regenerate nothing.</summary>
public sealed class PyModuleCachingTests
{
    private const string Alpha = "def one(x: int) -> int:\n    return x\n";
    private const string Beta = "def two(s: str) -> str:\n    return s\n";

    private static readonly PyFile[] s_files = { new("/project/alpha.py", Alpha), new("/project/beta.py", Beta) };

    [Fact]
    public void EditingOneModule_RegeneratesOnlyItsWrapper()
    {
        CSharpCompilation compilation = RoslynHarness.CreateCompilation("namespace App { public class Host { } }");
        GeneratorDriver driver = PyModuleHarness.CreateDriver(s_files, trackSteps: true, out AdditionalText[] texts).RunGenerators(compilation);
        string alphaBefore = Source(driver, "AlphaModule");

        driver = driver.ReplaceAdditionalText(texts.Single(t => t.Path == "/project/beta.py"), new PyModuleHarness.MemoryText("/project/beta.py", Beta + "\ndef three() -> float:\n    return 3.0\n"));
        driver = driver.RunGenerators(compilation);

        GeneratorRunResult result = PyResult(driver);
        var modules = result.TrackedSteps[PyTrackingNames.PythonModules].SelectMany(s => s.Outputs).ToList();
        Assert.Equal(2, modules.Count);
        var reasons = modules.Select(o => (((Common.GeneratorResult<Prom.CodeModel.Python.PyModuleModel>)o.Value).Model!.ModuleName, o.Reason)).ToList();
        Assert.Contains(("alpha", IncrementalStepRunReason.Cached), reasons.Select(r => (r.ModuleName, Normalize(r.Reason))));
        Assert.Contains(("beta", IncrementalStepRunReason.Modified), reasons);
        Assert.Equal(alphaBefore, Source(driver, "AlphaModule"));
        Assert.Contains("Three(", Source(driver, "BetaModule"));

        foreach ((object value, IncrementalStepRunReason _) in modules) Assert.Empty(CachingAssert.ForbiddenObjects(value, PyTrackingNames.PythonModules));
    }

    [Fact]
    public void UnrelatedCSharpEdit_KeepsEveryModuleCached()
    {
        CSharpCompilation compilation = RoslynHarness.CreateCompilation("namespace App { public class Host { } }");
        GeneratorDriver driver = PyModuleHarness.CreateDriver(s_files, trackSteps: true, out _).RunGenerators(compilation);
        driver = driver.RunGenerators(compilation.AddSyntaxTrees(CSharpSyntaxTree.ParseText("namespace App { public class Other { } }", RoslynHarness.ParseOptions)));
        GeneratorRunResult result = PyResult(driver);
        foreach (string step in new[] { PyTrackingNames.PythonInputs, PyTrackingNames.PythonModules })
        {
            var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
            Assert.Equal(2, outputs.Count);
            Assert.All(outputs, o => Assert.Equal(IncrementalStepRunReason.Cached, Normalize(o.Reason)));
        }
    }

    [Fact]
    public void SameModuleParsedTwice_GivesEqualModels()
    {
        var first = Prom.CodeModel.Python.PyModuleBuilder.Build("/p/sensors.py", PyModuleHarness.Module("sensors.py").Text, "sensors", "App");
        var second = Prom.CodeModel.Python.PyModuleBuilder.Build("/p/sensors.py", PyModuleHarness.Module("sensors.py").Text, "sensors", "App");
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        Assert.NotEqual(first, Prom.CodeModel.Python.PyModuleBuilder.Build("/p/sensors.py", PyModuleHarness.Module("sensors.py").Text + "\ndef extra() -> int:\n    return 1\n", "sensors", "App"));
    }

    private static GeneratorRunResult PyResult(GeneratorDriver driver) =>
        driver.GetRunResult().Results.Single(r => r.Generator.GetGeneratorType() == typeof(PyModuleGenerator));

    // A step whose input was cached reports Cached; one that re-ran to an equal output reports Unchanged: both mean "not regenerated".
    private static IncrementalStepRunReason Normalize(IncrementalStepRunReason reason) =>
        reason == IncrementalStepRunReason.Unchanged ? IncrementalStepRunReason.Cached : reason;

    private static string Source(GeneratorDriver driver, string className) =>
        PyResult(driver).GeneratedSources.Single(s => s.HintName.Contains("." + className + ".")).SourceText.ToString();
}
