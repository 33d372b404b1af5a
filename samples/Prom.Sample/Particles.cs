using Prom;

namespace Prom.Sample;

/// <summary>Where a particle is (stored as two SoA columns, <c>x</c> and <c>y</c>).</summary>
[Struct, Component]
public partial struct Position
{
    public partial float X { get; set; }
    public partial float Y { get; set; }
}

/// <summary>How fast a particle moves.</summary>
[Struct, Component]
public partial struct Velocity
{
    public partial float X { get; set; }
    public partial float Y { get; set; }
}
