using System.Runtime.CompilerServices;
using Prom.Ecs.Tests.Components;

namespace Prom.Ecs.Tests.Views;

/// <summary>Generated-style per-chunk binding of <see cref="Velocity"/>'s <c>prev</c> columns for reading.</summary>
public readonly ref struct VelocityReadColumns
{
    private readonly ref readonly float _x;
    private readonly ref readonly float _y;

    public VelocityReadColumns(in ColumnReader<Velocity> columns)
    {
        _x = ref columns.DangerousGetLeafReference<float>(0);
        _y = ref columns.DangerousGetLeafReference<float>(1);
    }

    public VelocityView this[int row]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(in _x, in _y, row);
    }
}
