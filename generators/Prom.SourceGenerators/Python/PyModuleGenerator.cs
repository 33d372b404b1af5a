using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Python;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Python;

/// <summary>
/// Turns every <c>.py</c>/<c>.pyi</c> file added as <c>&lt;AdditionalFiles Include="x.py" PromPythonModule="true" /&gt;</c>
/// into a typed C# class of the module (docs/bridge.md, "Typed modules"). Each file flows through the pipeline on
/// its own, so editing one file regenerates only its class. Python is parsed here, never run.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class PyModuleGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<PyModuleInput> inputs = context.AdditionalTextsProvider
            .Combine(context.AnalyzerConfigOptionsProvider)
            .Select(static (pair, ct) => PyModuleInput.Read(pair.Left, pair.Right, ct))
            .Where(static input => input is not null)
            .Select(static (input, _) => input!)
            .WithTrackingName(PyTrackingNames.PythonInputs);

        // A .pyi stub and the .py it describes would both become {Module}Module (CS0101): the stub wins, as it does for
        // a type checker. Only the set of stubbed module keys is shared between files, so editing a .py or .pyi text
        // still regenerates only that file's class; adding or removing a stub re-filters the .py files of its key.
        IncrementalValueProvider<EquatableArray<string>> stubbed = inputs
            .Where(static input => input.IsStub)
            .Select(static (input, _) => input.Key)
            .Collect()
            .Select(static (keys, _) => keys.Distinct().OrderBy(static k => k, System.StringComparer.Ordinal).ToEquatableArray());
        inputs = inputs
            .Combine(stubbed)
            .Where(static pair => pair.Left.IsStub || !pair.Right.Contains(pair.Left.Key))
            .Select(static (pair, _) => pair.Left);

        IncrementalValuesProvider<GeneratorResult<PyModuleModel>> models = inputs
            .Select(static (input, ct) => GuardedSteps.Read(input.Path, () => Build(input, ct)))
            .WithTrackingName(PyTrackingNames.PythonModules);

        context.RegisterSourceOutput(models, static (output, result) =>
        {
            if (result.Model is { } model) Report(output, model);
            if (result.Model is { ClassName.Length: 0 }) return; // an invalid module name: reported, nothing to generate
            GuardedSteps.Write(output, result, "Python module", m => (PyModuleEmitter.HintName(m), PyModuleEmitter.Emit(m)));
        });
    }

    private static PyModuleModel Build(PyModuleInput input, System.Threading.CancellationToken ct)
    {
        if (input.Text is null)
        {
            return new PyModuleModel(input.Path, input.ModuleName, input.Namespace, PyNaming.ModuleClass(input.ModuleName), null, default, default,
                new EquatableArray<PyDiagnosticInfo>(new[] { new PyDiagnosticInfo(DiagnosticIds.InvalidPythonModule, 1, new EquatableArray<string>(new[] { input.Path, "the file cannot be read" })) }));
        }
        return PyModuleBuilder.Build(input.Path, input.Text, input.ModuleName, input.Namespace, ct);
    }

    private static void Report(SourceProductionContext output, PyModuleModel model)
    {
        foreach (PyDiagnosticInfo info in model.Diagnostics)
        {
            var position = new LinePosition(System.Math.Max(0, info.Line - 1), 0);
            Location location = Location.Create(model.FilePath, default(TextSpan), new LinePositionSpan(position, position));
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ForPython(info.Id), location, info.Args.Cast<object>().ToArray()));
        }
    }
}
