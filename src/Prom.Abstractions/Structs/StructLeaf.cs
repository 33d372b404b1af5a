namespace Prom;

/// <summary>One scalar leaf of a flattened <see cref="StructAttribute">[Struct]</see> layout.</summary>
/// <param name="Path">The dotted path, e.g. <c>pts[3].y</c>.</param>
/// <param name="Column">The flattened column name, e.g. <c>pts_3_y</c>; unique within the struct.</param>
/// <param name="Offset">Byte offset from the start of the struct.</param>
/// <param name="Size">Size in bytes.</param>
/// <param name="Kind">The scalar type.</param>
public readonly record struct StructLeaf(string Path, string Column, int Offset, int Size, ScalarKind Kind);
