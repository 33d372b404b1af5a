using System.Runtime.CompilerServices;
using Prom.Ecs;

namespace Prom.Benchmarks.Ecs;

/// <summary>Generator-style per-chunk binding of the velocity prev columns.</summary>
public readonly ref struct HandVelocityColumns
{
    private readonly ref readonly float _x;
    private readonly ref readonly float _y;

    public HandVelocityColumns(in ColumnReader<BenchVelocity> columns)
    {
        _x = ref columns.DangerousGetLeafReference<float>(0);
        _y = ref columns.DangerousGetLeafReference<float>(1);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float X(int row) => Unsafe.Add(ref Unsafe.AsRef(in _x), row);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public float Y(int row) => Unsafe.Add(ref Unsafe.AsRef(in _y), row);
}
