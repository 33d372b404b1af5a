using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Systems;

namespace Prom.Analyzers.Systems;

/// <summary>
/// Checks the body of every [System] class against its declared access: writes through the Prom.Ecs write APIs must
/// target owned components (PROM0206), and next is read only through [Current] and prev never written (PROM0207).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SystemAccessAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.WriteWithoutOwnership,
        DiagnosticDescriptors.BufferEscape);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(SystemTypeNames.SystemAttribute) is null) return;
            var systems = new ConcurrentDictionary<INamedTypeSymbol, SystemModel?>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, (IInvocationOperation)operationContext.Operation, systems),
                OperationKind.Invocation);
        });
    }

    private static void Analyze(
        OperationAnalysisContext context, IInvocationOperation invocation, ConcurrentDictionary<INamedTypeSymbol, SystemModel?> models)
    {
        INamedTypeSymbol? system = context.ContainingSymbol.ContainingType;
        while (system?.ContainingType is not null) system = system.ContainingType;
        if (system is null || KnownTypes.Find(system, SystemTypeNames.SystemAttribute) is null) return;

        // The system's name and owned components come from the generator's own parser, read once per class.
        SystemModel? model = models.GetOrAdd(system, type => SystemParser.Parse(type, context.Compilation, default).Model);
        if (model is null) return; // an invalid system: the system analyzer explains it
        IMethodSymbol method = invocation.TargetMethod;
        string systemName = model.Name;
        Location location = invocation.Syntax.GetLocation();

        if (BufferAccessRules.ReadsNext(method) is { } nextOf)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BufferEscape, location, systemName,
                "reads the next buffer of '" + nextOf.ToDisplayString() + "'", method.ContainingType.Name + "." + method.Name,
                "take it as a '[Current] in " + nextOf.Name + "' Run parameter, which also runs its owner first"));
            return;
        }

        if (BufferAccessRules.WritesPrev(invocation) is { } prevAccess)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BufferEscape, location, systemName,
                "writes a prev buffer", "Unsafe.AsRef(" + prevAccess + ")",
                "prev is the committed value every system reads; write next through an owned component instead"));
            return;
        }

        if (BufferAccessRules.WrittenComponent(method) is not { } written) return;
        if (model.Owns.Contains(written.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))) return;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WriteWithoutOwnership, location, systemName,
            written.ToDisplayString(), method.ContainingType.Name + "." + method.Name));
    }
}
