namespace Prom.Ecs.Tests.Components;

/// <summary>Leaves of three sizes (8, 1, 2 bytes) and padding: D at 0, B at 8, S at 10, size 16. A real [Struct]: the generator emits its layout, leaves and pack/unpack.</summary>
[Struct]
public partial struct Mixed
{
    public partial double D { get; set; }

    public partial byte B { get; set; }

    public partial short S { get; set; }

    public Mixed(double d, byte b, short s)
    {
        D = d;
        B = b;
        S = s;
    }

    public override string ToString() => $"Mixed({D}, {B}, {S})";
}
