using System;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.CodeModel;
using Prom.CodeModel.Components;
using Prom.CodeModel.Diagnostics;
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
                predicate: static (node, _) => node is StructDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.Text: "struct" },
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
            if (names.Count > 0) output.AddSource("Prom.Generated.PromComponents.g.cs", Emitter.EmitRegistry(names));
        });
    }

    private static GeneratorResult<ComponentModel> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        try
        {
            return new GeneratorResult<ComponentModel>(ComponentParser.Parse(type, cancellationToken).Model, type.Name, null);
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            return new GeneratorResult<ComponentModel>(null, type.Name, exception.GetType().Name + ": " + exception.Message);
        }
    }

    private static void Write(SourceProductionContext output, GeneratorResult<ComponentModel> result)
    {
        if (result.InternalError is { } error)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalGeneratorError, Location.None, "[Component]", result.TypeName, error));
            return;
        }
        if (result.Model is not { } model) return;
        try
        {
            output.AddSource(HintNames.For(model.Struct.FullyQualifiedName, "Component"), Emitter.Emit(model));
        }
        catch (Exception exception) when (exception is not OperationCanceledException)
        {
            output.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InternalGeneratorError, Location.None, "[Component]", model.Struct.Name,
                exception.GetType().Name + ": " + exception.Message));
        }
    }
}
