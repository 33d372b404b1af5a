namespace Prom.Benchmarks.Doraku;

/// <summary>The system users write by default: one update per entity, generated runner, scheduler tick.</summary>
[System]
public partial class TwoComponentsSystem
{
    public void Run(ref Component1 c1, in Component2 c2) => c1.Value += c2.Value;
}
