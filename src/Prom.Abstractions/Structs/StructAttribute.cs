using System;

namespace Prom;

/// <summary>
/// Marks a <c>partial struct</c> as a typed, fixed-size, blittable record whose layout follows the C natural
/// layout rules. Declare its members as <c>partial</c> properties; the generator emits the storage with explicit
/// offsets, pack/unpack methods and cross-language descriptors (numpy dtype, Python <c>struct</c> format, JSON schema).
/// </summary>
/// <example>
/// <code>
/// [Struct]
/// public partial struct Trail
/// {
///     [Length(8)] public partial Span&lt;Position&gt; Points { get; }
///     public partial bool Active { get; set; }
/// }
/// </code>
/// </example>
/// <remarks>
/// Supported member types: <c>float double sbyte byte short ushort int uint long ulong bool Half</c>, other
/// <c>[Struct]</c> types (by value, or as <c>ref T</c> for in-place access), and fixed-length arrays of either,
/// declared as <c>[Length(n)] partial Span&lt;T&gt;</c> properties. Use <see cref="PadAttribute"/> for explicit
/// padding before a member and <see cref="TrailingPadding"/> for padding after the last one.
/// </remarks>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class StructAttribute : Attribute
{
    /// <summary>Explicit padding bytes after the last member (before the size is rounded up to the alignment).</summary>
    public int TrailingPadding { get; set; }
}
