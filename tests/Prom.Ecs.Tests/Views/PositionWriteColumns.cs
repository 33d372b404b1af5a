using System.Runtime.CompilerServices;
using Prom.Ecs.Tests.Components;

namespace Prom.Ecs.Tests.Views;

/// <summary>
/// Generated-style per-chunk binding of <see cref="Position"/>'s columns for writing: the leaf references are resolved
/// once per chunk, then <see cref="this[int]"/> binds a <see cref="PositionView"/> to a row (the column references and the row).
/// </summary>
public readonly ref struct PositionWriteColumns
{
    private readonly ref float _prevX;
    private readonly ref float _prevY;
    private readonly ref float _nextX;
    private readonly ref float _nextY;

    public PositionWriteColumns(in ColumnWriter<Position> columns)
    {
        _prevX = ref Unsafe.AsRef(in columns.DangerousGetPrevReference<float>(0));
        _prevY = ref Unsafe.AsRef(in columns.DangerousGetPrevReference<float>(1));
        _nextX = ref columns.DangerousGetNextReference<float>(0);
        _nextY = ref columns.DangerousGetNextReference<float>(1);
        Count = columns.Count;
    }

    public int Count { get; }

    public PositionView this[int row]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => new(ref _prevX, ref _prevY, ref _nextX, ref _nextY, row);
    }
}
