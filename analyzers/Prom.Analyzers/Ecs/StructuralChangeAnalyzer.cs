using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Systems;

namespace Prom.Analyzers.Ecs;

/// <summary>
/// PROM0101: <c>World.Create/Destroy/Add/Remove</c> inside a <c>foreach</c> over a query's <c>Rows()</c>,
/// <c>Chunks()</c> or <c>Tuples()</c> (the loop's next step throws), or in a [System]'s Run (which runs inside the
/// tick, where the world throws). The run-time checks stay; this catches the mistake while typing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class StructuralChangeAnalyzer : DiagnosticAnalyzer
{
    /// <summary>Diagnostic property: the CommandBuffer parameter of Run a fix should use, or empty to add one.</summary>
    public const string SystemBufferProperty = "SystemCommandBuffer";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.StructuralChangeInQueryLoop,
        DiagnosticDescriptors.StructuralChangeInSystem);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName("Prom.Ecs.World") is null) return;
            start.RegisterOperationAction(Analyze, OperationKind.Invocation);
        });
    }

    /// <summary>Whether <paramref name="method"/> is one of the world's structural changes.</summary>
    public static bool IsStructuralChange(IMethodSymbol method) =>
        method.Name is "Create" or "Destroy" or "Add" or "Remove" && !method.IsStatic
        && SystemTypeNames.IsEcsType(method.ContainingType, "World");

    private static void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (!IsStructuralChange(invocation.TargetMethod)) return;
        string call = "World." + invocation.TargetMethod.Name;

        if (context.ContainingSymbol is IMethodSymbol { Name: "Run" } run && IsSystem(run.ContainingType))
        {
            if (InsideFunction(invocation)) return; // a lambda in Run may run later, outside the tick
            string buffer = "";
            foreach (IParameterSymbol parameter in run.Parameters)
            {
                if (SystemTypeNames.IsEcsType(parameter.Type, "CommandBuffer")) { buffer = parameter.Name; break; }
            }
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StructuralChangeInSystem,
                invocation.Syntax.GetLocation(), ImmutableDictionary<string, string?>.Empty.Add(SystemBufferProperty, buffer),
                run.ContainingType.Name, call));
            return;
        }

        if (EnclosingQueryLoop(invocation) is { } loop && !LeavesLoop(invocation, loop))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.StructuralChangeInQueryLoop,
                invocation.Syntax.GetLocation(), call, loop.Collection.Syntax.ToString()));
        }
    }

    private static bool IsSystem(INamedTypeSymbol? type)
    {
        while (type?.ContainingType is not null) type = type.ContainingType;
        return type is not null && KnownTypes.Find(type, SystemTypeNames.SystemAttribute) is not null;
    }

    private static bool InsideFunction(IOperation operation)
    {
        for (IOperation? parent = operation.Parent; parent is not null; parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) return true;
        }
        return false;
    }

    /// <summary>
    /// The innermost <c>foreach</c> over a query enumerator whose body contains the call; a lambda or local function
    /// in between ends the search (it may run after the loop).
    /// </summary>
    private static IForEachLoopOperation? EnclosingQueryLoop(IOperation operation)
    {
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null; child = parent, parent = parent.Parent)
        {
            if (parent is IAnonymousFunctionOperation or ILocalFunctionOperation) return null;
            if (parent is IForEachLoopOperation loop && child == loop.Body && IsQueryEnumerator(loop.Collection)) return loop;
        }
        return null;
    }

    private static bool IsQueryEnumerator(IOperation collection)
    {
        while (collection is IConversionOperation conversion) collection = conversion.Operand;
        return collection.Type is { } type
            && (SystemTypeNames.IsEcsType(type, "QueryRowEnumerator") || SystemTypeNames.IsEcsType(type, "QueryChunkEnumerator")
                || SystemTypeNames.IsEcsType(type, "QueryTupleEnumerator`1") || SystemTypeNames.IsEcsType(type, "QueryTupleEnumerator`2"));
    }

    /// <summary>
    /// Whether the loop is left right after the change: a later statement of a block between the call and the loop
    /// body breaks out of this loop, returns or throws (<c>world.Destroy(e); break;</c>), so no next step runs.
    /// </summary>
    private static bool LeavesLoop(IOperation operation, IForEachLoopOperation loop)
    {
        IOperation child = operation;
        for (IOperation? parent = operation.Parent; parent is not null && child != loop.Body; child = parent, parent = parent.Parent)
        {
            if (parent is not IBlockOperation block) continue;
            bool after = false;
            foreach (IOperation statement in block.Operations)
            {
                if (statement == child) { after = true; continue; }
                if (after && Exits(statement, loop)) return true;
            }
        }
        return false;
    }

    private static bool Exits(IOperation statement, IForEachLoopOperation loop) => statement switch
    {
        IBranchOperation branch => branch.BranchKind == BranchKind.Break && SymbolEqualityComparer.Default.Equals(branch.Target, loop.ExitLabel),
        IReturnOperation @return => @return.Kind != OperationKind.YieldReturn,
        IThrowOperation => true,
        IExpressionStatementOperation { Operation: IThrowOperation } => true,
        _ => false,
    };
}
