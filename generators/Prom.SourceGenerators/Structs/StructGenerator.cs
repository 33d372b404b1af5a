using System;
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
        IncrementalValuesProvider<GeneratorResult<StructModel>> structs = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.StructAttribute,
                predicate: static (node, _) => SyntaxPredicates.IsStructDeclaration(node),
                transform: static (syntaxContext, cancellationToken) => Read(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.StructModels);

        context.RegisterSourceOutput(structs, (output, result) => Write(output, result, emit));
    }

    private static GeneratorResult<StructModel> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        return GuardedSteps.Read(type.Name, () => StructParser.Parse(type, cancellationToken).Model);
    }

    private static void Write(SourceProductionContext output, GeneratorResult<StructModel> result, Func<StructModel, string> emit) =>
        GuardedSteps.Write(output, result, "[Struct]", model => (HintNames.For(model.FullyQualifiedName, "Struct"), emit(model)));
}
