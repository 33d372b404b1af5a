using System.Runtime.CompilerServices;
using Prom.Ecs.Tests.Components;

namespace Prom.Ecs.Tests.Views;

/// <summary>The generated-style read-only view of one row of <see cref="Velocity"/> (<c>prev</c> columns).</summary>
public readonly ref struct VelocityView
{
    private readonly ref readonly float _x;
    private readonly ref readonly float _y;
    private readonly nint _row;

    public VelocityView(ref readonly float x, ref readonly float y, int row)
    {
        _x = ref x;
        _y = ref y;
        _row = row;
    }

    public ref readonly float X => ref Unsafe.Add(ref Unsafe.AsRef(in _x), _row);

    public ref readonly float Y => ref Unsafe.Add(ref Unsafe.AsRef(in _y), _row);
}
