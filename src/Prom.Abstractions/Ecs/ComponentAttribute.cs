using System;

namespace Prom;

/// <summary>
/// Marks a <see cref="StructAttribute">[Struct]</see> as an ECS component of Prom.Ecs. The struct keeps the
/// <c>[Struct]</c> layout rules and diagnostics; the ECS stores it as one SoA column per scalar leaf
/// (<c>T.Layout.Leaves</c>), double-buffered (<c>prev</c> / <c>next</c>). A component generator emits, for each
/// component, typed per-row views with <c>ref</c> fields bound to the leaf columns of a chunk and per-chunk span
/// accessors, built on the public column primitives of Prom.Ecs (<c>ColumnReader&lt;T&gt;</c>, <c>ColumnWriter&lt;T&gt;</c>).
/// </summary>
/// <example>
/// <code>
/// [Struct, Component]
/// public partial struct Position
/// {
///     public partial float X { get; set; }
///     public partial float Y { get; set; }
/// }
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class ComponentAttribute : Attribute
{
}
