namespace Prom.Benchmarks.Ecs;

/// <summary>A 2-D velocity component (a real [Struct]).</summary>
[Struct, Component]
public partial struct BenchVelocity
{
    public partial float X { get; set; }

    public partial float Y { get; set; }

    public BenchVelocity(float x, float y)
    {
        X = x;
        Y = y;
    }
}
