using System;

namespace Prom;

/// <summary>
/// Declares the element count of a fixed-length array member of a <see cref="StructAttribute">[Struct]</see>,
/// written as a <c>partial Span&lt;T&gt;</c> property: <c>[Length(8)] public partial Span&lt;float&gt; Samples { get; }</c>.
/// The elements are stored inline, with a stride equal to the element size.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class LengthAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="length">The number of elements; must be at least 1.</param>
    public LengthAttribute(int length) => Length = length;

    /// <summary>The number of elements.</summary>
    public int Length { get; }
}
