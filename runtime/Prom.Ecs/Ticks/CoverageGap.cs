namespace Prom.Ecs;

/// <summary>Rows of a component that its owner wrote in a chunk this tick but not completely (see <see cref="CoverageMode"/>).</summary>
/// <param name="Owner">The owner that wrote part of the chunk.</param>
/// <param name="Component">The component.</param>
/// <param name="FirstUncovered">The first entity of the chunk whose row was not written.</param>
/// <param name="UncoveredRows">How many rows of the chunk were not written (they were carried).</param>
public readonly record struct CoverageGap(OwnerToken Owner, ComponentInfo Component, Entity FirstUncovered, int UncoveredRows)
{
    /// <inheritdoc/>
    public override string ToString() =>
        $"{Owner.Name} left {UncoveredRows} row(s) of {Component.Name} unwritten in a chunk it wrote (first: {FirstUncovered}); they were carried";
}
