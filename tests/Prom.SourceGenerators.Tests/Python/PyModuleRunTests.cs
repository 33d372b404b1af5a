using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Prom.Bridge;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Python;

/// <summary>Compiles the wrapper of a real module and runs it against /usr/bin/python3 through the bridge.</summary>
public sealed class PyModuleRunTests
{
    private static readonly PyFile s_sensors = PyModuleHarness.Module("sensors.py");

    [Fact]
    public async Task GeneratedWrapper_CallsEveryKindOfFunction_WithTypedResults()
    {
        CompilationRun run = PyModuleHarness.Run(new[] { s_sensors }, SensorsProbe.CSharp);
        Diagnostic[] generatorDiagnostics = run.GeneratorDiagnostics.ToArray();
        // Exactly one function cannot be mapped (set[int]); everything else compiles warning-free.
        Assert.Equal(new[] { "PROM0401" }, generatorDiagnostics.Select(d => d.Id));
        Assert.Empty(run.CompilerDiagnostics);

        string directory = PyModuleHarness.WriteModules(new[] { s_sensors });
        try
        {
            var options = new PyBridgeOptions { PythonExecutable = PythonLocator.WithNumpy, DefaultTimeout = TimeSpan.FromSeconds(60) };
            options.Environment["PYTHONPATH"] = directory;
            await using PyBridge py = await PyBridge.StartAsync(options);
            using LoadedAssembly loaded = run.Load();
            string result = await (Task<string>)loaded.Invoke("App.Probe", "Run", py)!;
            string[] lines = result.Split('\n');
            Assert.Equal("calibrate 21 [4,7,10]", lines[0]);
            Assert.Equal("calibrate-default 42", lines[1]);
            Assert.Equal("describe n|42|0.5|True|01ff", lines[2]);
            Assert.Equal("cube 1000000000000000000000000000000000000000000000000000000000000", lines[3]);
            Assert.Equal("maybe [] [5]", lines[4]);
            Assert.Equal("pairs a=2,b=4", lines[5]);
            Assert.Equal("totals x=4", lines[6]);
            Assert.Equal("mode FAST SLOW", lines[7]);
            Assert.Equal("mode medium rejected", lines[8]);
            Assert.Equal("spread 1:[2, 3]:3:[('z', 9)]", lines[9]);
            Assert.Equal("later 7.5 15 6", lines[10]);
            Assert.Equal("count_up 0,1,4,9", lines[11]);
            Assert.Equal("slow_add 5", lines[12]);
            Assert.Equal("to_readings 0:10,1:20", lines[13]);
            Assert.StartsWith("wrong_readings rejected: Python returned a structured array that is not Reading[]", lines[14]);
            Assert.Equal("calibrator 3 1.5 k", lines[15]);
            Assert.Equal("twin 8 k2 use 4", lines[16]);
            Assert.Equal("made 2", lines[17]);
            Assert.Equal("span 7 10 unit 1", lines[18]);
            Assert.Equal("wrong_type rejected", lines[19]);
            Assert.Equal("timeout hit", lines[20]);
            // A numpy parameter takes a plain array or memory (a read-only copy) as well as a shared array (writable).
            Assert.Equal("total 6.0:3:False 16.0:2:False 32768.0:65536:False 6.0:3:True", lines[21]);
            Assert.Equal("calibrate by value rejected: ValueError", lines[22]);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }
}
