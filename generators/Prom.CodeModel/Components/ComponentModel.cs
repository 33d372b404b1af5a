using Prom.CodeModel.Structs;

namespace Prom.CodeModel.Components;

/// <summary>A valid [Component] reduced to values: its [Struct] model and the names of its column leaves.</summary>
/// <param name="Struct">The component's [Struct] model (layout, leaves, containing types).</param>
/// <param name="IsPublic">Whether the component type is public (generated helpers get the same visibility).</param>
/// <param name="Leaves">One entry per scalar leaf, in leaf (= column) order.</param>
public sealed record ComponentModel(StructModel Struct, bool IsPublic, EquatableArray<ComponentLeafModel> Leaves);

/// <summary>One column of a component as generated code names it.</summary>
/// <param name="Name">PascalCase member name from the flattened column (<c>pts_3_y</c> → <c>Pts3Y</c>).</param>
/// <param name="CSharpType">The scalar type, e.g. <c>float</c>.</param>
/// <param name="Path">The leaf path, for docs (<c>pts[3].y</c>).</param>
public sealed record ComponentLeafModel(string Name, string CSharpType, string Path);
