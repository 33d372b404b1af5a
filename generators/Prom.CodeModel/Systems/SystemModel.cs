using System.Linq;

namespace Prom.CodeModel.Systems;

/// <summary>A valid [System] reduced to values: what the generator emits and the planner schedules.</summary>
/// <param name="Namespace">The class's namespace, empty for the global namespace.</param>
/// <param name="TypeName">The class name.</param>
/// <param name="FullyQualifiedName">The class, <c>global::</c>-qualified.</param>
/// <param name="Name">The schedule name (the class name unless <c>[System(Name = ...)]</c>).</param>
/// <param name="Stage">The stage it runs in.</param>
/// <param name="Before">Systems this one runs before.</param>
/// <param name="After">Systems this one runs after.</param>
/// <param name="SkipIfEmpty">Skip when the query is empty.</param>
/// <param name="None">Components excluded from the query, fully qualified.</param>
/// <param name="Any">Components of which the query needs one, fully qualified.</param>
/// <param name="Changed">Components whose change selects rows, fully qualified.</param>
/// <param name="Shape">How Run is called.</param>
/// <param name="Return">What Run returns.</param>
/// <param name="HasPrepare">Whether the class declares <c>Prepare()</c>.</param>
/// <param name="HasCleanup">Whether the class declares <c>Cleanup()</c>.</param>
/// <param name="ConstructorParameters">Types of the constructor's parameters (from the service provider).</param>
/// <param name="Parameters">Run's parameters in order.</param>
public sealed record SystemModel(
    string Namespace,
    string TypeName,
    string FullyQualifiedName,
    string Name,
    string Stage,
    EquatableArray<string> Before,
    EquatableArray<string> After,
    bool SkipIfEmpty,
    EquatableArray<string> None,
    EquatableArray<string> Any,
    EquatableArray<string> Changed,
    SystemShape Shape,
    SystemReturn Return,
    bool HasPrepare,
    bool HasCleanup,
    EquatableArray<string> ConstructorParameters,
    EquatableArray<SystemParameterModel> Parameters)
{
    /// <summary>Components the system owns, in parameter order.</summary>
    public EquatableArray<string> Owns => Parameters.Where(p => p.Owns).Select(p => p.Target).ToEquatableArray();

    /// <summary>Components the system reads (prev), in parameter order.</summary>
    public EquatableArray<string> Reads => Parameters
        .Where(p => p.Kind is SystemParameterKind.ComponentRead or SystemParameterKind.ColumnRead or SystemParameterKind.NamedReadColumns)
        .Select(p => p.Target).ToEquatableArray();

    /// <summary>Components the system reads as written this tick ([Current]).</summary>
    public EquatableArray<string> Currents => Parameters
        .Where(p => p.Kind == SystemParameterKind.ComponentCurrent).Select(p => p.Target).ToEquatableArray();

    /// <summary>Resources the system reads.</summary>
    public EquatableArray<string> ResourceReads => Parameters
        .Where(p => p.Kind == SystemParameterKind.ResourceRead).Select(p => p.Target).Distinct().ToEquatableArray();

    /// <summary>Resources the system writes.</summary>
    public EquatableArray<string> ResourceWrites => Parameters
        .Where(p => p.Kind == SystemParameterKind.ResourceWrite).Select(p => p.Target).Distinct().ToEquatableArray();

    /// <summary>Components every visited entity has: the component parameters (the query's All set).</summary>
    public EquatableArray<string> QueryAll => Parameters
        .Where(p => (p.Owns && p.Kind != SystemParameterKind.Lease) || p.ReadsComponent)
        .Select(p => p.Target).Distinct().ToEquatableArray();

    /// <summary>Whether the generated runner builds a query (per-entity and per-chunk systems).</summary>
    public bool HasQuery => Shape != SystemShape.Once;
}
