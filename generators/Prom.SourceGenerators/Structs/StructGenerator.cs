using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel;
using Prom.CodeModel.Structs;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Structs;

/// <summary>
/// Turns every <c>[Struct] partial struct</c> into an explicit-offset blittable layout with pack/unpack and
/// cross-language descriptors. Invalid declarations are skipped; the analyzer explains them (same parser).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class StructGenerator : IIncrementalGenerator
{
    private readonly Func<StructModel, string> _emit;

    /// <summary>The generator as the compiler creates it.</summary>
    public StructGenerator() : this(Emitter.Emit)
    {
    }

    /// <summary>Lets tests replace the emitter, e.g. with one that throws, to prove failures become PROM0900.</summary>
    internal StructGenerator(Func<StructModel, string> emit) => _emit = emit;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        Func<StructModel, string> emit = _emit;
        IncrementalValuesProvider<GeneratorResult<StructGeneration>> structs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.StructAttribute,
                predicate: static (node, _) => SyntaxPredicates.IsStructDeclaration(node),
                transform: static (syntaxContext, cancellationToken) => Read(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.StructModels);

        context.RegisterSourceOutput(structs, (output, result) => Write(output, result, emit));

        // Problems of declarations that cannot receive code: the compiler's own errors there (CS0751, CS9248) stop a
        // command-line build before analyzers run, so the generator reports them. Mapping the stored spans back to
        // the compilation's trees makes them ordinary source diagnostics; with none to report this step is empty.
        IncrementalValueProvider<ImmutableArray<DiagnosticInfo>> diagnostics = structs
            .SelectMany(static (result, _) => result.Model?.Diagnostics.AsImmutableArray() ?? ImmutableArray<DiagnosticInfo>.Empty)
            .Collect();
        context.RegisterSourceOutput(diagnostics.Combine(context.CompilationProvider), static (output, pair) =>
        {
            foreach (DiagnosticInfo diagnostic in pair.Left) output.ReportDiagnostic(diagnostic.ToDiagnostic(pair.Right));
        });
    }

    private static GeneratorResult<StructGeneration> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        return GuardedSteps.Read(type.Name, () =>
        {
            StructParseResult parsed = StructParser.Parse(type, cancellationToken);
            EquatableArray<DiagnosticInfo> diagnostics = parsed.ReportedByAnalyzer
                ? EquatableArray<DiagnosticInfo>.Empty
                : parsed.Problems.Select(DiagnosticInfo.From).ToEquatableArray();
            string hintName = HintNames.For(type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), StructNames.GeneratedFileSuffix);
            return new StructGeneration(hintName, parsed.Model, parsed.Placeholder, diagnostics);
        });
    }

    private static void Write(SourceProductionContext output, GeneratorResult<StructGeneration> result, Func<StructModel, string> emit)
    {
        if (result.InternalError is null && result.Model is { HasSource: false }) return;
        GuardedSteps.Write(output, result, "[Struct]", generation => (generation.HintName,
            generation.Model is { } model ? emit(model) : StructPlaceholderEmitter.Emit(generation.Placeholder!)));
    }
}
