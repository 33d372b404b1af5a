namespace Prom.Ecs.Tests.InPlace;

/// <summary>A per-entity system over a one-scalar component (the bit-cast path): changes only the rows with speed X &gt; 0.</summary>
[System]
public partial class StepHp
{
    public void Run(ref Hp hp, in Speed speed)
    {
        if (speed.X > 0)
        {
            hp.Value += (int)speed.X;
        }
    }
}

/// <summary>A per-entity system over a three-leaf component (the gather path) with a Changed filter (the selected-rows path).</summary>
[System(Changed = new[] { typeof(Spot) })]
public partial class StepTrio
{
    public void Run(ref Trio trio, in Spot spot)
    {
        trio.D += spot.X;
        if (spot.Y > 1)
        {
            trio.S++;
        }
    }
}

/// <summary>
/// A per-entity system over a two-leaf component with no filter (the run loop and the per-leaf changed compares) that
/// takes the entity: changes D for every third entity index and S where speed X &gt; 1, so rows change by one leaf,
/// by both or not at all.
/// </summary>
[System]
public partial class StepDuo
{
    public void Run(Entity entity, ref Duo duo, in Speed speed)
    {
        if (entity.Index % 3 == 0)
        {
            duo.D += 0.5;
        }

        if (speed.X > 1)
        {
            duo.S++;
        }
    }
}
