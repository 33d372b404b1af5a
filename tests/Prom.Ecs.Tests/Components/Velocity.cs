namespace Prom.Ecs.Tests.Components;

/// <summary>A 2-D velocity. A real [Struct]: the generator emits its layout, leaves and pack/unpack.</summary>
[Struct]
public partial struct Velocity
{
    public partial float X { get; set; }

    public partial float Y { get; set; }

    public Velocity(float x, float y)
    {
        X = x;
        Y = y;
    }

    public override string ToString() => $"Velocity({X}, {Y})";
}
