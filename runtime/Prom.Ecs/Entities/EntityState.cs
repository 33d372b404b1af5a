namespace Prom.Ecs;

/// <summary>The state of one index of the entity table.</summary>
internal enum EntityState : byte
{
    /// <summary>Not in use; the index is on the free list.</summary>
    Free,

    /// <summary>Handed out by <see cref="CommandBuffer.Create"/>; becomes alive when the buffer plays back.</summary>
    Reserved,

    /// <summary>Alive and stored in a chunk.</summary>
    Alive,

    /// <summary>Destroyed at the last generation: never reused, so no old handle can become valid again.</summary>
    Retired,
}
