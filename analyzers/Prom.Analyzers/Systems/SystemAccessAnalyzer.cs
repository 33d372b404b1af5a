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
            var owned = new ConcurrentDictionary<INamedTypeSymbol, ImmutableHashSet<string>?>(SymbolEqualityComparer.Default);
            start.RegisterOperationAction(
                operationContext => Analyze(operationContext, (IInvocationOperation)operationContext.Operation, owned),
                OperationKind.Invocation);
        });
    }

    private static void Analyze(
        OperationAnalysisContext context, IInvocationOperation invocation, ConcurrentDictionary<INamedTypeSymbol, ImmutableHashSet<string>?> ownedCache)
    {
        INamedTypeSymbol? system = context.ContainingSymbol.ContainingType;
        while (system?.ContainingType is not null) system = system.ContainingType;
        if (system is null || KnownTypes.Find(system, SystemTypeNames.SystemAttribute) is null) return;

        IMethodSymbol method = invocation.TargetMethod;
        string systemName = SystemName(system);
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
        ImmutableHashSet<string>? owns = ownedCache.GetOrAdd(system, type => Owns(type, context.Compilation));
        if (owns is null) return; // an invalid system: the system analyzer explains it
        if (owns.Contains(written.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))) return;
        context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.WriteWithoutOwnership, location, systemName,
            written.ToDisplayString(), method.ContainingType.Name + "." + method.Name));
    }

    private static ImmutableHashSet<string>? Owns(INamedTypeSymbol system, Compilation compilation) =>
        SystemParser.Parse(system, compilation, default).Model?.Owns.ToImmutableHashSet();

    private static string SystemName(INamedTypeSymbol system) =>
        KnownTypes.Find(system, SystemTypeNames.SystemAttribute)?.NamedArguments
            .FirstOrDefault(argument => argument.Key == "Name").Value.Value as string ?? system.Name;
}
