using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.CodeModel;
using Prom.CodeModel.Components;
using Prom.CodeModel.Diagnostics;

namespace Prom.Analyzers.Components;

/// <summary>Reports what is wrong with a [Component] (its [Struct] problems come from the [Struct] analyzer).</summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ComponentAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ComponentMustBeStruct);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? componentAttribute = start.Compilation.GetTypeByMetadataName(KnownTypes.ComponentAttribute);
            if (componentAttribute is null) return;
            start.RegisterSymbolAction(symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                foreach (AttributeData attribute in type.GetAttributes())
                {
                    if (!SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, componentAttribute)) continue;
                    foreach (Problem problem in ComponentParser.Parse(type, symbolContext.CancellationToken).Problems)
                    {
                        symbolContext.ReportDiagnostic(problem.ToDiagnostic());
                    }
                }
            }, SymbolKind.NamedType);
        });
    }
}
