namespace Prom.CodeModel.Systems;

/// <summary>What a parameter of a system's Run method is, which decides the system's access and iteration shape.</summary>
public enum SystemParameterKind
{
    /// <summary><c>ref T</c> of a [Component]: owned, per entity, written back with set-if-changed.</summary>
    ComponentWrite,

    /// <summary><c>in T</c> or <c>T</c> of a [Component]: its committed (<c>prev</c>) value, per entity.</summary>
    ComponentRead,

    /// <summary><c>[Current] in T</c>: the value the owner wrote this tick (<c>next</c>), per entity.</summary>
    ComponentCurrent,

    /// <summary><c>Entity</c>: the entity of the row, per entity.</summary>
    Entity,

    /// <summary><c>ColumnWriter&lt;T&gt;</c>: owned, per chunk.</summary>
    ColumnWrite,

    /// <summary><c>ColumnReader&lt;T&gt;</c>: read, per chunk.</summary>
    ColumnRead,

    /// <summary>The generated <c>TWriteColumns</c>: owned, per chunk, named spans.</summary>
    NamedWriteColumns,

    /// <summary>The generated <c>TReadColumns</c>: read, per chunk, named spans.</summary>
    NamedReadColumns,

    /// <summary><c>QueryChunk</c>: the chunk itself, per chunk.</summary>
    Chunk,

    /// <summary><c>ReadOnlySpan&lt;Entity&gt;</c>: the chunk's entities, per chunk.</summary>
    ChunkEntities,

    /// <summary><c>in R</c> or <c>R</c> of any other type: reads the world resource R.</summary>
    ResourceRead,

    /// <summary><c>ref R</c> of any other type: writes the world resource R.</summary>
    ResourceWrite,

    /// <summary><c>CommandBuffer</c>: the system's structural commands, played back at the commit.</summary>
    Commands,

    /// <summary><c>EffectWriter&lt;E&gt;</c>: the system's lane of effects.</summary>
    Effects,

    /// <summary><c>EventReader&lt;V&gt;</c>: results of effects handled after the previous tick.</summary>
    Events,

    /// <summary><c>ColumnLease&lt;T&gt;</c>: owned, the whole column leased for jobs, once per tick.</summary>
    Lease,

    /// <summary><c>CancellationToken</c>: the tick's cancellation.</summary>
    Cancellation,
}
