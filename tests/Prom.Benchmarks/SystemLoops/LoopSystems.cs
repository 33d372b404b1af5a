using Prom.Ecs;
using Prom.Ecs.Simd;

namespace Prom.Benchmarks.SystemLoops;

/// <summary>The per-entity shape: the generator gathers prev, calls Run, writes back with set-if-changed.</summary>
[System]
public partial class EntityLoopMovement
{
    public void Run(ref EntityLoopPosition position, in LoopVelocity velocity, in FrameTime time)
    {
        position.X += velocity.X * time.DeltaSeconds;
        position.Y += velocity.Y * time.DeltaSeconds;
    }
}

/// <summary>The per-chunk shape: named column spans and a SIMD kernel.</summary>
[System]
public partial class ChunkLoopMovement
{
    public void Run(ChunkLoopPositionWriteColumns position, LoopVelocityReadColumns velocity, in FrameTime time)
    {
        SoaKernels.MultiplyAdd(position.NextX, position.X, velocity.X, time.DeltaSeconds);
        SoaKernels.MultiplyAdd(position.NextY, position.Y, velocity.Y, time.DeltaSeconds);
        position.Columns.MarkAllChanged();
    }
}
