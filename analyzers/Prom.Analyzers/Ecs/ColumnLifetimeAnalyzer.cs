using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Systems;

namespace Prom.Analyzers.Ecs;

/// <summary>
/// PROM0102: a column struct (<see cref="ColumnTypes"/>) moved where it outlives the tick it was taken in — a field
/// or auto-property of a class (or any static one), a lambda whose delegate outlives the call and captures it, or a
/// local used after an <c>await</c> or <c>yield return</c> (the state machine resumes later, perhaps after the tick) or
/// after <c>World.EndTick()</c>. Passing one to a
/// method or returning it to a caller that uses it in the same tick stays silent: the caller's own keeping is checked.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ColumnLifetimeAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.ColumnKeptBeyondTick);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("Prom.Ecs.ColumnWriter`1") is null) return;
            start.RegisterSymbolAction(AnalyzeType, SymbolKind.NamedType);
            start.RegisterOperationAction(AnalyzeCapture, OperationKind.AnonymousFunction);
            start.RegisterOperationBlockAction(AnalyzeSuspensions);
        });
    }

    private static void AnalyzeType(SymbolAnalysisContext context)
    {
        var type = (INamedTypeSymbol)context.Symbol;
        bool heap = type.IsReferenceType;
        foreach (IFieldSymbol field in type.GetMembers().OfType<IFieldSymbol>())
        {
            if (field.IsConst || !(heap || field.IsStatic) || ColumnTypes.Held(field.Type) is not { } held) continue;
            // An auto-property's backing field is reported on the property.
            ISymbol reported = field.AssociatedSymbol ?? field;
            Location? location = reported.Locations.FirstOrDefault(l => l.IsInSource);
            if (location is null) continue;
            string where = field.IsStatic
                ? "in a static " + (field.AssociatedSymbol is null ? "field" : "property")
                : "in a " + (field.AssociatedSymbol is null ? "field" : "property") + " of " + Kind(type) + " '" + type.Name + "'";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ColumnKeptBeyondTick, location,
                type.Name + "." + reported.Name, ColumnTypes.Display(held), where + ", which outlives the tick it was taken in"));
        }
    }

    private static string Kind(INamedTypeSymbol type) => type.IsRecord ? "record" : type.TypeKind == TypeKind.Interface ? "interface" : "class";

    private static void AnalyzeCapture(OperationAnalysisContext context)
    {
        var lambda = (IAnonymousFunctionOperation)context.Operation;
        // A lambda that is only called during the call (Assert.Throws, Parallel.For, LINQ) keeps nothing: report only a
        // delegate that outlives it.
        if (DelegateEscape.Of(lambda) is not { } escape) return;
        var reported = ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);
        foreach (IOperation operation in lambda.Body.Descendants())
        {
            if (InNestedFunction(operation, lambda)) continue; // a nested lambda reports its own captures
            ISymbol? captured = operation switch
            {
                ILocalReferenceOperation local when !Declares(lambda, local.Local) => local.Local,
                IParameterReferenceOperation parameter when !Declares(lambda, parameter.Parameter) => parameter.Parameter,
                _ => null,
            };
            if (captured is null || reported.Contains(captured) || ColumnTypes.Held(TypeOf(captured)) is not { } held) continue;
            reported = reported.Add(captured);
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ColumnKeptBeyondTick, operation.Syntax.GetLocation(),
                captured.Name, ColumnTypes.Display(held), "captured by a lambda that is " + escape + " (the delegate can run after the tick)"));
        }
    }

    /// <summary>Whether the local or parameter is declared inside the lambda (its own, or of a nested function).</summary>
    private static bool Declares(IAnonymousFunctionOperation lambda, ISymbol symbol) =>
        symbol.Locations.Any(location => lambda.Syntax.Span.Contains(location.SourceSpan));

    private static ITypeSymbol TypeOf(ISymbol symbol) => symbol is ILocalSymbol local ? local.Type : ((IParameterSymbol)symbol).Type;

    /// <summary>
    /// A reference to a column local or parameter after an <c>await</c>, a <c>yield return</c> or a
    /// <c>World.EndTick()</c> that follows its declaration (textually, or inside a loop that the declaration is outside).
    /// </summary>
    private static void AnalyzeSuspensions(OperationBlockAnalysisContext context)
    {
        if (context.OwningSymbol is not IMethodSymbol method) return;
        foreach (IOperation block in context.OperationBlocks)
        {
            var suspensions = block.Descendants()
                .Where(o => IsSuspension(o) && !InNestedFunction(o, block))
                .ToList();
            if (suspensions.Count == 0) continue;
            var reported = ImmutableHashSet.Create<ISymbol>(SymbolEqualityComparer.Default);
            foreach (IOperation operation in block.Descendants())
            {
                ISymbol? symbol = operation switch
                {
                    ILocalReferenceOperation local => local.Local,
                    IParameterReferenceOperation parameter when SymbolEqualityComparer.Default.Equals(parameter.Parameter.ContainingSymbol, method) => parameter.Parameter,
                    _ => null,
                };
                if (operation.Parent is IAssignmentOperation assignment && assignment.Target == operation) continue; // a write
                if (symbol is null || reported.Contains(symbol) || InNestedFunction(operation, block)
                    || ColumnTypes.Held(TypeOf(symbol)) is not { } held) continue;
                // Where the name is declared (for a foreach variable: inside the loop, which gives each iteration its own).
                int declared = symbol is IParameterSymbol ? 0 : symbol.Locations.FirstOrDefault()?.SourceSpan.End ?? 0;
                int[] writes = Writes(block, symbol);
                IOperation? suspension = suspensions.FirstOrDefault(s => Separates(s, declared, writes, operation));
                if (suspension is null) continue;
                reported = reported.Add(symbol);
                string where = suspension switch
                {
                    IAwaitOperation => "across an await (the method resumes later, perhaps in another tick)",
                    IInvocationOperation => "across 'World.EndTick()', which ends the tick it was taken in",
                    _ => "across a yield return (the iterator resumes later, perhaps in another tick)",
                };
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.ColumnKeptBeyondTick, operation.Syntax.GetLocation(),
                    symbol.Name, ColumnTypes.Display(held), where));
            }
        }
    }

    /// <summary>A point after which a column taken before it belongs to an ended tick, or may: await, yield return, EndTick.</summary>
    private static bool IsSuspension(IOperation operation) => operation switch
    {
        IAwaitOperation => true,
        IReturnOperation { Kind: OperationKind.YieldReturn } => true,
        IInvocationOperation { TargetMethod: { Name: "EndTick" } method } => SystemTypeNames.IsEcsType(method.ContainingType, "World"),
        _ => false,
    };

    /// <summary>
    /// Whether the suspension runs between the value's last assignment and the use: after the declaration and before
    /// the use with no assignment in between, or later in a loop around the use that the declaration is outside of
    /// and that assigns nothing before the use.
    /// </summary>
    private static bool Separates(IOperation suspension, int declaredAt, int[] writes, IOperation use)
    {
        int at = suspension.Syntax.SpanStart;
        int used = use.Syntax.SpanStart;
        if (at < declaredAt) return false;
        if (at < used) return !writes.Any(write => write > at && write < used);
        // A suspension later in a loop body runs before the use in the loop's next iteration.
        for (IOperation? loop = use.Parent; loop is not null; loop = loop.Parent)
        {
            if (loop is ILoopOperation && loop.Syntax.Span.Contains(suspension.Syntax.Span) && loop.Syntax.SpanStart > declaredAt)
            {
                return !writes.Any(write => write > loop.Syntax.SpanStart && write < used);
            }
        }
        return false;
    }

    /// <summary>Where a local is assigned (a simple assignment; its initializer is its declaration).</summary>
    private static int[] Writes(IOperation block, ISymbol symbol) => block.Descendants()
        .OfType<ISimpleAssignmentOperation>()
        .Where(assignment => assignment.Target is ILocalReferenceOperation local && SymbolEqualityComparer.Default.Equals(local.Local, symbol))
        .Select(assignment => assignment.Syntax.SpanStart)
        .ToArray();

    private static bool InNestedFunction(IOperation operation, IOperation block)
    {
        for (IOperation? parent = operation.Parent; parent is not null && parent != block; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }
}
