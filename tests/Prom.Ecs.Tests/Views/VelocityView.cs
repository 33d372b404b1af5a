using Prom.Ecs.Tests.Components;

namespace Prom.Ecs.Tests.Views;

/// <summary>The generated-style read-only view of one row of <see cref="Velocity"/> (<c>prev</c> columns).</summary>
public readonly ref struct VelocityView
{
    public readonly ref readonly float X;
    public readonly ref readonly float Y;

    public VelocityView(ref readonly float x, ref readonly float y)
    {
        X = ref x;
        Y = ref y;
    }
}
