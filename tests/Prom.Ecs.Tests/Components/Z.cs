namespace Prom.Ecs.Tests.Components;

/// <summary>Type-level zero: with <see cref="S{T}"/> it names as many distinct component types as a test needs.</summary>
public struct Z
{
}
