using System.Runtime.CompilerServices;
using Prom.Ecs;

namespace Prom.Benchmarks.Ecs;

/// <summary>Generator-style per-chunk binding of the position columns: refs resolved once per chunk, a view per row.</summary>
public readonly ref struct HandPositionColumns
{
    private readonly ref float _prevX;
    private readonly ref float _prevY;
    private readonly ref float _nextX;
    private readonly ref float _nextY;

    public HandPositionColumns(in ColumnWriter<BenchPosition> columns)
    {
        _prevX = ref Unsafe.AsRef(in columns.DangerousGetPrevReference<float>(0));
        _prevY = ref Unsafe.AsRef(in columns.DangerousGetPrevReference<float>(1));
        _nextX = ref columns.DangerousGetNextReference<float>(0);
        _nextY = ref columns.DangerousGetNextReference<float>(1);
        Count = columns.Count;
    }

    public int Count { get; }

    public HandPositionView this[int row]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(ref _prevX, ref _prevY, ref _nextX, ref _nextY, row);
    }
}
