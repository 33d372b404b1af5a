namespace Prom.Benchmarks.Ecs;

/// <summary>A third component for add/remove churn.</summary>
[Struct]
public partial struct BenchTag
{
    public partial int Value { get; set; }
}
