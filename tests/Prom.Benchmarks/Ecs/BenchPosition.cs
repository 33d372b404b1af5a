namespace Prom.Benchmarks.Ecs;

/// <summary>A 2-D position component (a real [Struct]).</summary>
[Struct, Component]
public partial struct BenchPosition
{
    public partial float X { get; set; }

    public partial float Y { get; set; }

    public BenchPosition(float x, float y)
    {
        X = x;
        Y = y;
    }
}
