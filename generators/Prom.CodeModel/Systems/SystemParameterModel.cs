namespace Prom.CodeModel.Systems;

/// <summary>One parameter of a system's Run method, reduced to values.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Modifier">How it is passed: <c>""</c>, <c>"in "</c> or <c>"ref "</c>.</param>
/// <param name="Type">The parameter type, fully qualified (for <see cref="SystemParameterKind.NamedWriteColumns"/> and
/// <see cref="SystemParameterKind.NamedReadColumns"/> the generated type's name as it will exist).</param>
/// <param name="Target">The component or resource the parameter accesses, fully qualified; empty when none.</param>
public sealed record SystemParameterModel(string Name, SystemParameterKind Kind, string Modifier, string Type, string Target)
{
    /// <summary>Whether the parameter makes the system the owner (only writer) of <see cref="Target"/>.</summary>
    public bool Owns => Kind is SystemParameterKind.ComponentWrite or SystemParameterKind.ColumnWrite
        or SystemParameterKind.NamedWriteColumns or SystemParameterKind.Lease;

    /// <summary>Whether the parameter reads the component <see cref="Target"/> (prev, or next for [Current]).</summary>
    public bool ReadsComponent => Kind is SystemParameterKind.ComponentRead or SystemParameterKind.ComponentCurrent
        or SystemParameterKind.ColumnRead or SystemParameterKind.NamedReadColumns;
}
