using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;

namespace Prom.Analyzers.Ecs;

/// <summary>
/// Whether the delegate a lambda becomes outlives the call it is created in: stored in a field, property or event,
/// returned, or handed to an API that runs it later (<c>Task.Run</c>, <c>ThreadPool</c>, a <c>Thread</c> or
/// <c>Timer</c>, a continuation) — directly or through a local that then goes there. A delegate that is only invoked
/// or passed to an ordinary method (<c>Assert.Throws</c>, <c>Parallel.For</c>, LINQ) is not followed.
/// </summary>
internal static class DelegateEscape
{
    private const int MaxLocalHops = 3;

    /// <summary>How the lambda's delegate escapes ("stored in field 'x'", "returned", ...), or null.</summary>
    public static string? Of(IAnonymousFunctionOperation lambda)
    {
        IOperation value = lambda;
        while (value.Parent is IDelegateCreationOperation or IConversionOperation) value = value.Parent;
        return Of(value, Root(lambda), MaxLocalHops);
    }

    private static string? Of(IOperation value, IOperation root, int hops)
    {
        switch (value.Parent)
        {
            case IReturnOperation:
                return "returned";
            case IAssignmentOperation assignment when assignment.Value == value:
                return Target(assignment.Target, root, hops);
            case IEventAssignmentOperation { EventReference: IEventReferenceOperation @event }:
                return "added to event '" + @event.Event.Name + "'";
            case IVariableInitializerOperation { Parent: IVariableDeclaratorOperation declarator }:
                return ThroughLocal(declarator.Symbol, root, hops);
            case IArgumentOperation argument when RunsLater(argument.Parent):
                return "run later by " + Name(argument.Parent!);
            case IConversionOperation or IDelegateCreationOperation:
                return Of(value.Parent, root, hops);
            default:
                return null;
        }
    }

    private static string? Target(IOperation target, IOperation root, int hops) => target switch
    {
        IFieldReferenceOperation field => "stored in field '" + field.Field.Name + "'",
        IPropertyReferenceOperation property => "stored in property '" + property.Property.Name + "'",
        IEventReferenceOperation @event => "added to event '" + @event.Event.Name + "'",
        ILocalReferenceOperation local => ThroughLocal(local.Local, root, hops),
        IArrayElementReferenceOperation => "stored in an array",
        _ => null,
    };

    /// <summary>The local holding the delegate escapes if one of its uses does (a compound <c>+=</c> keeps it in the local).</summary>
    private static string? ThroughLocal(ILocalSymbol local, IOperation root, int hops)
    {
        if (hops == 0) return null;
        foreach (ILocalReferenceOperation use in root.Descendants().OfType<ILocalReferenceOperation>())
        {
            if (!SymbolEqualityComparer.Default.Equals(use.Local, local)) continue;
            if (use.Parent is IAssignmentOperation assignment && assignment.Target == use) continue; // a write, not a use
            if (Of(use, root, hops - 1) is { } escape) return escape;
        }
        return null;
    }

    private static bool RunsLater(IOperation? call)
    {
        IMethodSymbol? method = call switch
        {
            IInvocationOperation invocation => invocation.TargetMethod,
            IObjectCreationOperation creation => creation.Constructor,
            _ => null,
        };
        if (method is null) return false;
        string type = method.ContainingType.ToDisplayString();
        return type switch
        {
            "System.Threading.Tasks.Task" => method.Name is "Run" or "ContinueWith" || method.MethodKind == MethodKind.Constructor,
            "System.Threading.Tasks.TaskFactory" => method.Name == "StartNew",
            "System.Threading.ThreadPool" => true,
            "System.Threading.Thread" or "System.Threading.Timer" or "System.Timers.Timer" => method.MethodKind == MethodKind.Constructor,
            _ => method.ContainingType.OriginalDefinition.ToDisplayString() == "System.Threading.Tasks.Task<TResult>" && method.Name == "ContinueWith",
        };
    }

    private static string Name(IOperation call) => call switch
    {
        IInvocationOperation invocation => invocation.TargetMethod.ContainingType.Name + "." + invocation.TargetMethod.Name,
        IObjectCreationOperation creation => "new " + creation.Constructor!.ContainingType.Name,
        _ => "",
    };

    private static IOperation Root(IOperation operation)
    {
        while (operation.Parent is not null) operation = operation.Parent;
        return operation;
    }
}
