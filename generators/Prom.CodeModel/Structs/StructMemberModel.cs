namespace Prom.CodeModel.Structs;

/// <summary>How a [Struct] member is declared, which decides the shape of the generated property body.</summary>
public enum MemberShape : byte
{
    /// <summary><c>partial T Name { get; set; }</c>: by value.</summary>
    Value,
    /// <summary><c>partial ref T Name { get; }</c>: a reference to the stored value.</summary>
    Ref,
    /// <summary><c>partial ref readonly T Name { get; }</c>.</summary>
    RefReadOnly,
    /// <summary><c>[Length(n)] partial Span&lt;T&gt; Name { get; }</c>: a fixed-length inline array.</summary>
    Span,
    /// <summary><c>[Length(n)] partial ReadOnlySpan&lt;T&gt; Name { get; }</c>.</summary>
    ReadOnlySpan,
}

/// <summary>One storage member of a [Struct], with its place in the layout.</summary>
/// <param name="Name">The property name.</param>
/// <param name="Modifiers">The declaration's modifiers as written, e.g. <c>public partial</c>.</param>
/// <param name="Shape">The declaration shape.</param>
/// <param name="Accessors">The accessors as declared (kind and modifiers).</param>
/// <param name="Element">The element type (the member type, or the array element type).</param>
/// <param name="Length">Array length, or 0 for a single value.</param>
/// <param name="Offset">Byte offset of the member (of element 0 for arrays).</param>
public sealed record StructMemberModel(
    string Name,
    string Modifiers,
    MemberShape Shape,
    EquatableArray<AccessorModel> Accessors,
    ElementTypeModel Element,
    int Length,
    int Offset)
{
    /// <summary>Whether the member is a fixed-length array.</summary>
    public bool IsArray => Shape is MemberShape.Span or MemberShape.ReadOnlySpan;

    /// <summary>Number of stored elements (1 for a single value).</summary>
    public int Count => IsArray ? Length : 1;

    /// <summary>Total bytes the member occupies.</summary>
    public int Size => Element.Size * Count;
}

/// <summary>An accessor as declared: <c>get</c>, <c>set</c> or <c>init</c>, with modifiers such as <c>readonly</c>.</summary>
public sealed record AccessorModel(string Keyword, string Modifiers);

/// <summary>The type of a stored element: a scalar or a nested [Struct] (with its layout).</summary>
/// <param name="Scalar">The scalar type, when the element is a scalar.</param>
/// <param name="TypeName">Fully qualified C# type name.</param>
/// <param name="Nested">The nested [Struct]'s layout, when the element is one.</param>
public sealed record ElementTypeModel(ScalarKind? Scalar, string TypeName, StructLayoutModel? Nested)
{
    /// <summary>Element size in bytes.</summary>
    public int Size => Scalar is { } s ? ScalarTypeInfo.Of(s).Size : Nested!.Size;

    /// <summary>Element alignment in bytes.</summary>
    public int Alignment => Scalar is { } s ? ScalarTypeInfo.Of(s).Alignment : Nested!.Alignment;

    /// <summary>
    /// Whether the element's bytes can be copied as they are in native byte order: no padding gaps and no bools
    /// (a bool must be written as exactly 0 or 1).
    /// </summary>
    public bool IsPlain => Scalar is { } s ? s != ScalarKind.Bool : Nested!.IsPlain;
}
