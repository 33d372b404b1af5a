namespace Prom.CodeModel.Systems;

/// <summary>One parameter of a system's Run method, reduced to values.</summary>
/// <param name="Name">The parameter name.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Modifier">How it is passed: <c>""</c>, <c>"in "</c> or <c>"ref "</c>.</param>
/// <param name="Type">The parameter type, fully qualified (for <see cref="SystemParameterKind.NamedWriteColumns"/> and
/// <see cref="SystemParameterKind.NamedReadColumns"/> the generated type's name as it will exist).</param>
/// <param name="Target">The component or resource the parameter accesses, fully qualified; empty when none.</param>
/// <param name="Leaves">For a per-entity component: where each scalar leaf (= column) sits in the struct, so the
/// generated loop copies leaves with typed loads and stores instead of the runtime's generic gather/scatter. Empty
/// when the component's [Struct] layout is invalid (its own analyzer reports why).</param>
/// <param name="StructSize">For a per-entity component: the struct's size in bytes (0 when unknown). A struct that is
/// exactly one leaf is moved as that scalar (a bit cast kept in a register), not gathered through memory.</param>
public sealed record SystemParameterModel(
    string Name, SystemParameterKind Kind, string Modifier, string Type, string Target, EquatableArray<ComponentLeafSlot> Leaves = default, int StructSize = 0)
{
    /// <summary>The component is exactly one scalar leaf (offset 0, the struct's size): it bit-casts to that scalar.</summary>
    public bool IsSingleScalar => Leaves.Count == 1 && Leaves[0].Offset == 0 && Leaves[0].Size == StructSize;

    /// <summary>Whether the parameter makes the system the owner (only writer) of <see cref="Target"/>.</summary>
    public bool Owns => Kind is SystemParameterKind.ComponentWrite or SystemParameterKind.ColumnWrite
        or SystemParameterKind.NamedWriteColumns or SystemParameterKind.Lease;

    /// <summary>Whether the parameter reads the component <see cref="Target"/> (prev, or next for [Current]).</summary>
    public bool ReadsComponent => Kind is SystemParameterKind.ComponentRead or SystemParameterKind.ComponentCurrent
        or SystemParameterKind.ColumnRead or SystemParameterKind.NamedReadColumns;
}

/// <summary>One scalar leaf of a component: its byte offset in the struct and its size (1, 2, 4 or 8 bytes).</summary>
/// <param name="Offset">Byte offset from the start of the struct (the generated explicit layout).</param>
/// <param name="Size">The scalar's size in bytes.</param>
public sealed record ComponentLeafSlot(int Offset, int Size);
