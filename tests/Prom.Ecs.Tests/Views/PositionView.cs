using Prom.Ecs.Tests.Components;

namespace Prom.Ecs.Tests.Views;

/// <summary>
/// The per-entity view a [Component] generator emits for <see cref="Position"/>: <c>ref</c> fields bound to one row,
/// <c>X</c>/<c>Y</c> read <c>prev</c>, <c>NextX</c>/<c>NextY</c> write <c>next</c>. Written by hand here the way the
/// generator will emit it (no reflection, no copies).
/// </summary>
public ref struct PositionView
{
    public ref readonly float X;
    public ref readonly float Y;
    public ref float NextX;
    public ref float NextY;

    public PositionView(ref float prevX, ref float prevY, ref float nextX, ref float nextY)
    {
        X = ref prevX;
        Y = ref prevY;
        NextX = ref nextX;
        NextY = ref nextY;
    }
}
