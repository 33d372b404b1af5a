namespace Prom.Ecs.Tests.InPlace;

/// <summary>One int leaf: the generated runner moves it as a scalar (bit cast).</summary>
[Struct, Component]
public partial struct Hp
{
    public partial int Value { get; set; }
}

/// <summary>Read by <see cref="StepHp"/>.</summary>
[Struct, Component]
public partial struct Speed
{
    public partial float X { get; set; }
}

/// <summary>Two float leaves; written between ticks so that <see cref="StepTrio"/>'s Changed filter selects some rows.</summary>
[Struct, Component]
public partial struct Spot
{
    public partial float X { get; set; }

    public partial float Y { get; set; }
}

/// <summary>Leaves of three sizes (8, 1, 2 bytes) and padding: the generated runner gathers it leaf by leaf.</summary>
[Struct, Component]
public partial struct Trio
{
    public partial double D { get; set; }

    public partial byte B { get; set; }

    public partial short S { get; set; }
}

/// <summary>Leaves of two sizes (8 and 2 bytes) updated without a filter: the runner's run loop and per-leaf vector compares.</summary>
[Struct, Component]
public partial struct Duo
{
    public partial double D { get; set; }

    public partial short S { get; set; }
}
