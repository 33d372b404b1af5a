using System.Runtime.CompilerServices;
using Prom.Ecs.Tests.Components;

namespace Prom.Ecs.Tests.Views;

/// <summary>
/// The per-entity view a [Component] generator emits for <see cref="Position"/>: the chunk's column references and the
/// row; <c>X</c>/<c>Y</c> return references into <c>prev</c>, <c>NextX</c>/<c>NextY</c> into <c>next</c>. Written by
/// hand here the way the generator emits it (no reflection, no copies).
/// </summary>
public readonly ref struct PositionView
{
    private readonly ref float _prevX;
    private readonly ref float _prevY;
    private readonly ref float _nextX;
    private readonly ref float _nextY;
    private readonly nint _row;

    public PositionView(ref float prevX, ref float prevY, ref float nextX, ref float nextY, int row)
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
