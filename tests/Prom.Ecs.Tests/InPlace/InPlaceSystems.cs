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
