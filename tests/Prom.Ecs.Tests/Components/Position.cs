namespace Prom.Ecs.Tests.Components;

/// <summary>A 2-D position. A real [Struct]: the generator emits its layout, leaves and pack/unpack.</summary>
[Struct]
public partial struct Position
{
    public partial float X { get; set; }

    public partial float Y { get; set; }

    public Position(float x, float y)
    {
        X = x;
        Y = y;
    }

    public override string ToString() => $"Position({X}, {Y})";
}
