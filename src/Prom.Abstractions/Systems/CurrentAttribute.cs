using System;

namespace Prom;

/// <summary>
/// On an <c>in T</c> component parameter of a <see cref="SystemAttribute">[System]</see>'s <c>Run</c>: read the value
/// the component's owner wrote <i>this</i> tick (its <c>next</c> buffer) instead of the committed one. This is
/// the named escape hatch for reading <c>next</c>: the schedule then runs the owner in an earlier batch.
/// </summary>
/// <remarks>Rows the owner did not write this tick hold a stale value; use it with owners that cover their rows.</remarks>
[AttributeUsage(AttributeTargets.Parameter, AllowMultiple = false, Inherited = false)]
public sealed class CurrentAttribute : Attribute
{
}
