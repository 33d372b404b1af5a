namespace Prom.Benchmarks.SystemLoops;

/// <summary>Position moved by the per-entity system (each system owns its own component: one owner per component).</summary>
[Struct, Component]
public partial struct EntityLoopPosition
{
    public partial float X { get; set; }

    public partial float Y { get; set; }
}

/// <summary>Position moved by the per-chunk system.</summary>
[Struct, Component]
public partial struct ChunkLoopPosition
{
    public partial float X { get; set; }

    public partial float Y { get; set; }
}

/// <summary>Velocity, read by both systems.</summary>
[Struct, Component]
public partial struct LoopVelocity
{
    public partial float X { get; set; }

    public partial float Y { get; set; }
}
