using System.Runtime.CompilerServices;

namespace Prom.Benchmarks.Ecs;

/// <summary>The per-entity view a [Component] generator emits: column references and the row; prev refs to read, next refs to write.</summary>
public readonly ref struct HandPositionView
{
    private readonly ref float _prevX;
    private readonly ref float _prevY;
    private readonly ref float _nextX;
    private readonly ref float _nextY;
    private readonly nint _row;

    public HandPositionView(ref float prevX, ref float prevY, ref float nextX, ref float nextY, int row)
    {
        _prevX = ref prevX;
        _prevY = ref prevY;
        _nextX = ref nextX;
        _nextY = ref nextY;
        _row = row;
    }

    public ref readonly float X => ref Unsafe.Add(ref _prevX, _row);

    public ref readonly float Y => ref Unsafe.Add(ref _prevY, _row);

    public ref float NextX => ref Unsafe.Add(ref _nextX, _row);

    public ref float NextY => ref Unsafe.Add(ref _nextY, _row);
}
