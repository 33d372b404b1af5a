namespace Prom.Benchmarks.Doraku;

/// <summary>Doraku's <c>Component1 { int Value }</c>: the component the system updates.</summary>
[Struct, Component]
public partial struct Component1
{
    public partial int Value { get; set; }
}

/// <summary>Doraku's <c>Component2 { int Value }</c>: the component the system reads (every entity has Value = 1).</summary>
[Struct, Component]
public partial struct Component2
{
    public partial int Value { get; set; }
}
