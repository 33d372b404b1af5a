using System;

namespace Prom;

/// <summary>
/// Declares the assembly's stage order for <see cref="SystemAttribute.Stage"/>, replacing the default
/// <c>startup, update, late, render, cleanup</c>. A stage named <c>startup</c> runs once, before the first tick.
/// </summary>
/// <example><c>[assembly: Stages("startup", "input", "update", "physics", "render")]</c></example>
[AttributeUsage(AttributeTargets.Assembly, AllowMultiple = false, Inherited = false)]
public sealed class StagesAttribute : Attribute
{
    /// <summary>Declares the stage order.</summary>
    /// <param name="stages">Stage names, in run order.</param>
    public StagesAttribute(params string[] stages) => Stages = stages;

    /// <summary>Stage names, in run order.</summary>
    public string[] Stages { get; }
}
