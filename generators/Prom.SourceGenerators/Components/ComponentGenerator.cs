using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel;
using Prom.CodeModel.Components;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Components;

/// <summary>
/// For every <c>[Struct, Component]</c>: typed per-row views with <c>ref</c> fields bound to the component's leaf
/// columns, per-chunk column accessors (spans for SIMD), <c>QueryChunk</c> extension methods, and one registration
/// class that gives every component of the assembly its id in declaration order.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class ComponentGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GeneratorResult<ComponentModel>> components = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.ComponentAttribute,
                predicate: static (node, _) => SyntaxPredicates.IsStructDeclaration(node),
                transform: static (syntaxContext, cancellationToken) => Read(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.ComponentModels);

        context.RegisterSourceOutput(components, static (output, result) => Write(output, result));

        IncrementalValueProvider<EquatableArray<string>> registry = components
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!.Struct.FullyQualifiedName)
            .Collect()
            .Select(static (names, _) => names.ToEquatableArray())
            .WithTrackingName(TrackingNames.ComponentRegistry);

        context.RegisterSourceOutput(registry, static (output, names) =>
        {
            if (names.Count > 0) output.AddSource(GeneratedNames.HintName(GeneratedNames.Components), GeneratedFile.Emit(() => Emitter.EmitRegistry(names)));
        });
    }

    private static GeneratorResult<ComponentModel> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        return GuardedSteps.Read(type.Name, () => ComponentParser.Parse(type, cancellationToken).Model);
    }

    private static void Write(SourceProductionContext output, GeneratorResult<ComponentModel> result) =>
        GuardedSteps.Write(output, result, "[Component]", model => (HintNames.For(model.Struct.FullyQualifiedName, "Component"), Emitter.Emit(model)));
}
