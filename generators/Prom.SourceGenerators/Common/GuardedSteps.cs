using System;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.SourceGenerators.Common;

/// <summary>
/// The two steps every generator runs, guarded so that an unexpected exception becomes a PROM0900 diagnostic
/// instead of crashing the compiler (cancellation still propagates).
/// </summary>
internal static class GuardedSteps
{
    /// <summary>Runs a transform; an exception is kept as <see cref="GeneratorResult{TModel}.InternalError"/>.</summary>
    public static GeneratorResult<TModel> Read<TModel>(string typeName, Func<TModel?> read) where TModel : class
    {
        try
        {
            return new GeneratorResult<TModel>(read(), typeName, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new GeneratorResult<TModel>(null, typeName, Describe(exception));
        }
    }

    /// <summary>Adds the emitted source for a model, or reports the internal error of either step.</summary>
    public static void Write<TModel>(
        SourceProductionContext output,
        GeneratorResult<TModel> result,
        string generatorName,
        Func<TModel, (string HintName, string Source)> emit) where TModel : class
    {
        if (result.InternalError is { } error)
        {
            Report(output, generatorName, result.TypeName, error);
            return;
        }
        if (result.Model is not { } model) return; // invalid input: the analyzer explains it
        try
        {
            (string hintName, string source) = GeneratedFile.Emit(() => emit(model));
            output.AddSource(hintName, source);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            Report(output, generatorName, result.TypeName, Describe(exception));
        }
    }

    private static void Report(SourceProductionContext output, string generatorName, string typeName, string error) =>
        output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalGeneratorError, Location.None, generatorName, typeName, error));

    private static string Describe(Exception exception) => exception.GetType().Name + ": " + exception.Message;
}
