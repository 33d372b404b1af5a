namespace Prom.Ecs.Tests.Components;

/// <summary>An int component. A real [Struct]: the generator emits its layout, leaves and pack/unpack.</summary>
[Struct]
public partial struct Health
{
    public partial int Value { get; set; }

    public Health(int value)
    {
        Value = value;
    }

    public override string ToString() => $"Health({Value})";
}
