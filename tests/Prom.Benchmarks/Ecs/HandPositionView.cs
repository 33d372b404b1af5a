namespace Prom.Benchmarks.Ecs;

/// <summary>The per-entity view a [Component] generator emits: prev refs to read, next refs to write.</summary>
public ref struct HandPositionView
{
    public ref readonly float X;
    public ref readonly float Y;
    public ref float NextX;
    public ref float NextY;

    public HandPositionView(ref float prevX, ref float prevY, ref float nextX, ref float nextY)
    {
        X = ref prevX;
        Y = ref prevY;
        NextX = ref nextX;
        NextY = ref nextY;
    }
}
