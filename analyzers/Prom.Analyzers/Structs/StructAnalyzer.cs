using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Structs;

namespace Prom.Analyzers.Structs;

/// <summary>
/// Reports what is wrong with a [Struct] declaration. Uses the same <see cref="StructParser"/> as the generator,
/// so the generator emits code exactly for the declarations this analyzer finds no problem with.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StructAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.StructMustBePartial,
        DiagnosticDescriptors.ContainingTypeMustBePartial,
        DiagnosticDescriptors.RefStruct,
        DiagnosticDescriptors.GeneratedMemberConflict,
        DiagnosticDescriptors.PartialMemberWithoutStorage,
        DiagnosticDescriptors.WriteInReadOnlyStruct,
        DiagnosticDescriptors.NonBlittableMember,
        DiagnosticDescriptors.UnsupportedMemberType,
        DiagnosticDescriptors.RecursiveNesting,
        DiagnosticDescriptors.InvalidArrayLength,
        DiagnosticDescriptors.NegativePadding,
        DiagnosticDescriptors.DuplicateColumn,
        DiagnosticDescriptors.StorageMustBePartialProperty,
        DiagnosticDescriptors.GenericStruct,
        DiagnosticDescriptors.LengthOnNonArray,
        DiagnosticDescriptors.ArrayMemberWithSetter,
        DiagnosticDescriptors.StructTooLarge);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? structAttribute = start.Compilation.GetTypeByMetadataName(KnownTypes.StructAttribute);
            if (structAttribute is null) return; // the package is not referenced
            start.RegisterSymbolAction(symbolContext => AnalyzeType(symbolContext, structAttribute), SymbolKind.NamedType);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context, INamedTypeSymbol structAttribute)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        bool marked = false;
        foreach (AttributeData attribute in type.GetAttributes())
        {
            if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, structAttribute)) marked = true;
        }
        if (!marked) return;

        StructParseResult parsed = StructParser.Parse(type, context.CancellationToken);
        if (!parsed.ReportedByAnalyzer) return; // the generator reports them (see StructParseResult.CanReceiveCode)
        foreach (Problem problem in parsed.Problems)
        {
            context.ReportDiagnostic(problem.ToDiagnostic());
        }
    }
}
