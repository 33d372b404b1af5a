namespace Prom.CodeModel.Structs;

/// <summary>The computed layout of a [Struct]: size, alignment and every scalar leaf.</summary>
/// <param name="Size">Size in bytes (a multiple of the alignment; 0 for an empty struct).</param>
/// <param name="Alignment">The largest alignment of any leaf, 1 for an empty struct.</param>
/// <param name="Leaves">Scalar leaves in declaration order, arrays expanded.</param>
/// <param name="IsPlain">No padding gaps and no bool leaves: bytes can be block-copied in native order.</param>
public sealed record StructLayoutModel(int Size, int Alignment, EquatableArray<LeafModel> Leaves, bool IsPlain);

/// <summary>One scalar leaf of a flattened layout.</summary>
/// <param name="Path">e.g. <c>pts[3].y</c>.</param>
/// <param name="Column">e.g. <c>pts_3_y</c>.</param>
/// <param name="Offset">Byte offset from the start of the struct.</param>
/// <param name="Type">The scalar type.</param>
public sealed record LeafModel(string Path, string Column, int Offset, ScalarKind Type);
