using System;
using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>Structural changes: archetypes and their cached edges, create, destroy, add and remove.</summary>
public sealed unsafe partial class World
{
    /// <summary>
    /// Bumped by every row added to or removed from an archetype (create, destroy, add, remove, playback): query
    /// enumerators compare it to detect a structural change during iteration.
    /// </summary>
    internal int StructureVersion;

    private readonly Dictionary<ArchetypeKey, Archetype> _archetypeByKey = new();
    private readonly List<Archetype> _archetypes = new();
    private readonly Archetype _emptyArchetype;

    /// <summary>The world's list of (chunk, slot) pairs whose visible changed bits may be set.</summary>
    private readonly List<ChunkSlot> _visibleList = new();

    /// <summary>The number of archetypes created so far (they are never removed).</summary>
    public int ArchetypeCount => _archetypes.Count;

    internal List<Archetype> Archetypes => _archetypes;

    /// <summary>
    /// The chunks allocated over all archetypes: the used ones plus, per archetype, at most <c>max(16, used)</c> empty
    /// chunks kept for reuse; empty blocks beyond that are freed when their last entity leaves.
    /// </summary>
    public int AllocatedChunkCount
    {
        get
        {
            int count = 0;
            foreach (Archetype archetype in _archetypes)
            {
                count += archetype.AllocatedChunks;
            }

            return count;
        }
    }

    /// <summary>Creates an entity with no components.</summary>
    public Entity Create()
    {
        ThrowIfInTick("Create");
        Entity entity = AllocateHandle(EntityState.Alive);
        Chunk chunk = _emptyArchetype.AllocateRow(entity, out int row);
        SetLocation(entity, chunk, row);
        _aliveCount++;
        return entity;
    }

    /// <summary>Creates an entity with one component (written to both buffers and marked changed for the next tick).</summary>
    /// <typeparam name="T1">The component type.</typeparam>
    /// <param name="c1">Its value.</param>
    public Entity Create<T1>(in T1 c1) where T1 : unmanaged, IStruct<T1>
    {
        ThrowIfInTick("Create");
        int id1 = IdOf<T1>();
        Entity entity = CreateIn(ArchetypeWith(_emptyArchetype, id1), out Chunk chunk, out int row);
        T1 v1 = c1;
        WriteBoth(chunk, row, chunk.Archetype.SlotOf(id1), (byte*)&v1);
        return entity;
    }

    /// <summary>Creates an entity with two components (written to both buffers and marked changed for the next tick).</summary>
    /// <typeparam name="T1">The first component type.</typeparam>
    /// <typeparam name="T2">The second component type.</typeparam>
    /// <param name="c1">The first value.</param>
    /// <param name="c2">The second value.</param>
    public Entity Create<T1, T2>(in T1 c1, in T2 c2) where T1 : unmanaged, IStruct<T1> where T2 : unmanaged, IStruct<T2>
    {
        ThrowIfInTick("Create");
        int id1 = IdOf<T1>();
        int id2 = IdOf<T2>();
        ThrowIfSame(id1, id2);
        Entity entity = CreateIn(ArchetypeWith(ArchetypeWith(_emptyArchetype, id1), id2), out Chunk chunk, out int row);
        T1 v1 = c1;
        T2 v2 = c2;
        WriteBoth(chunk, row, chunk.Archetype.SlotOf(id1), (byte*)&v1);
        WriteBoth(chunk, row, chunk.Archetype.SlotOf(id2), (byte*)&v2);
        return entity;
    }

    /// <summary>Creates an entity with three components (written to both buffers and marked changed for the next tick).</summary>
    /// <typeparam name="T1">The first component type.</typeparam>
    /// <typeparam name="T2">The second component type.</typeparam>
    /// <typeparam name="T3">The third component type.</typeparam>
    /// <param name="c1">The first value.</param>
    /// <param name="c2">The second value.</param>
    /// <param name="c3">The third value.</param>
    public Entity Create<T1, T2, T3>(in T1 c1, in T2 c2, in T3 c3)
        where T1 : unmanaged, IStruct<T1> where T2 : unmanaged, IStruct<T2> where T3 : unmanaged, IStruct<T3>
    {
        ThrowIfInTick("Create");
        int id1 = IdOf<T1>();
        int id2 = IdOf<T2>();
        int id3 = IdOf<T3>();
        ThrowIfSame(id1, id2);
        ThrowIfSame(id1, id3);
        ThrowIfSame(id2, id3);
        Entity entity = CreateIn(ArchetypeWith(ArchetypeWith(ArchetypeWith(_emptyArchetype, id1), id2), id3), out Chunk chunk, out int row);
        T1 v1 = c1;
        T2 v2 = c2;
        T3 v3 = c3;
        WriteBoth(chunk, row, chunk.Archetype.SlotOf(id1), (byte*)&v1);
        WriteBoth(chunk, row, chunk.Archetype.SlotOf(id2), (byte*)&v2);
        WriteBoth(chunk, row, chunk.Archetype.SlotOf(id3), (byte*)&v3);
        return entity;
    }

    /// <summary>Destroys a live entity; its index is reused by a later create with generation + 1.</summary>
    /// <param name="entity">The entity.</param>
    /// <exception cref="StaleEntityException">The entity is not alive.</exception>
    public void Destroy(Entity entity)
    {
        ThrowIfInTick("Destroy");
        DestroyCore(entity);
    }

    /// <summary>
    /// Adds a component with a value (written to both buffers, marked changed for the next tick). Adding a component the
    /// entity already has overwrites its value and marks it changed.
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live entity.</param>
    /// <param name="value">The value.</param>
    public void Add<T>(Entity entity, in T value) where T : unmanaged, IStruct<T>
    {
        ThrowIfInTick("Add");
        T copy = value;
        AddCore(entity, IdOf<T>(), (byte*)&copy, "Add");
    }

    /// <summary>Removes a component; the other components keep their values. Returns false when the entity did not have it.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live entity.</param>
    public bool Remove<T>(Entity entity) where T : unmanaged, IStruct<T>
    {
        ThrowIfInTick("Remove");
        return RemoveCore(entity, IdOf<T>(), "Remove");
    }

    internal void DestroyCore(Entity entity)
    {
        Chunk chunk = Locate(entity, out int row, "Destroy");
        Entity moved = chunk.Archetype.RemoveRow(chunk, row);
        if (!moved.IsNull)
        {
            SetLocation(moved, chunk, row);
        }

        FreeHandle(entity);
        _aliveCount--;
    }

    internal void AddCore(Entity entity, int componentId, byte* value, string operation)
    {
        Chunk chunk = Locate(entity, out int row, operation);
        Archetype from = chunk.Archetype;
        int slot = from.SlotOf(componentId);
        if (slot < 0)
        {
            ArchetypeEdge edge = AddEdge(from, componentId);
            chunk = Move(entity, chunk, row, edge, out row);
            slot = edge.AddedSlot;
        }

        WriteBoth(chunk, row, slot, value);
    }

    internal bool RemoveCore(Entity entity, int componentId, string operation)
    {
        Chunk chunk = Locate(entity, out int row, operation);
        Archetype from = chunk.Archetype;
        if (from.SlotOf(componentId) < 0)
        {
            return false;
        }

        Move(entity, chunk, row, RemoveEdge(from, componentId), out _);
        return true;
    }

    private Entity CreateIn(Archetype archetype, out Chunk chunk, out int row)
    {
        Entity entity = AllocateHandle(EntityState.Alive);
        chunk = archetype.AllocateRow(entity, out row);
        SetLocation(entity, chunk, row);
        _aliveCount++;
        return entity;
    }

    /// <summary>
    /// Moves an entity along a cached edge: every shared component takes its current value (<c>prev</c>) into both
    /// buffers of the new row, and its visible changed bit moves with it. The source row is filled by swap-remove.
    /// </summary>
    private Chunk Move(Entity entity, Chunk source, int sourceRow, ArchetypeEdge edge, out int row)
    {
        Chunk destination = edge.To.AllocateRow(entity, out row);
        RowCopy.CopyCurrent(edge.Copy, source, sourceRow, destination, row);

        // The new row's visible bits are clear (a vacated row's bits are cleared), so only set marks need copying.
        int[] sourceSlots = edge.SourceSlots;
        int[] destinationSlots = edge.DestinationSlots;
        for (int i = 0; i < sourceSlots.Length; i++)
        {
            int s = sourceSlots[i];
            if (source.IsVisibleChanged(s, sourceRow))
            {
                MarkVisibleChanged(destination, destinationSlots[i], row);
            }
        }

        Entity moved = source.Archetype.RemoveRow(source, sourceRow);
        if (!moved.IsNull)
        {
            SetLocation(moved, source, sourceRow);
        }

        SetLocation(entity, destination, row);
        return destination;
    }

    /// <summary>Writes a value into both buffers of a row's component and marks it changed for the next tick.</summary>
    private void WriteBoth(Chunk chunk, int row, int slot, byte* value)
    {
        Archetype archetype = chunk.Archetype;
        ComponentInfo info = archetype.Components[slot];
        int first = archetype.FirstLeaf[slot];
        info.Scatter(value, chunk.PrevColumns + first, row);
        info.Scatter(value, chunk.NextColumns + first, row);
        MarkVisibleChanged(chunk, slot, row);
    }

    /// <summary>Marks a row changed in the set the next tick reads (used outside ticks only).</summary>
    internal void MarkVisibleChanged(Chunk chunk, int slot, int row)
    {
        if (chunk.VisibleAllChanged(slot))
        {
            return; // a live row of a set flagged "all changed" already is, and the flagged set keeps its words clear
        }

        RowBits.Set(chunk.Bits, chunk.VisibleOffset(slot), row);
        if (!chunk.VisibleListed[slot])
        {
            chunk.VisibleListed[slot] = true;
            _visibleList.Add(new ChunkSlot(chunk, slot));
        }
    }

    private Archetype ArchetypeWith(Archetype from, int componentId) => AddEdge(from, componentId).To;

    /// <summary>The cached edge for adding a component (built on first use, with its reverse remove edge).</summary>
    private ArchetypeEdge AddEdge(Archetype from, int componentId)
    {
        if ((uint)componentId < (uint)from.AddEdges.Length && from.AddEdges[componentId] is { } cached)
        {
            return cached;
        }

        int[] ids = new int[from.ComponentIds.Length + 1];
        int n = 0;
        bool placed = false;
        foreach (int id in from.ComponentIds)
        {
            if (!placed && componentId < id)
            {
                ids[n++] = componentId;
                placed = true;
            }

            ids[n++] = id;
        }

        if (!placed)
        {
            ids[n] = componentId;
        }

        Archetype to = GetOrCreateArchetype(ids);
        var edge = new ArchetypeEdge(from, to, componentId);
        SetEdge(ref from.AddEdges, componentId, edge);
        SetEdge(ref to.RemoveEdges, componentId, new ArchetypeEdge(to, from, componentId));
        return edge;
    }

    /// <summary>The cached edge for removing a component (built on first use, with its reverse add edge).</summary>
    private ArchetypeEdge RemoveEdge(Archetype from, int componentId)
    {
        if ((uint)componentId < (uint)from.RemoveEdges.Length && from.RemoveEdges[componentId] is { } cached)
        {
            return cached;
        }

        int[] ids = new int[from.ComponentIds.Length - 1];
        int n = 0;
        foreach (int id in from.ComponentIds)
        {
            if (id != componentId)
            {
                ids[n++] = id;
            }
        }

        Archetype to = GetOrCreateArchetype(ids);
        var edge = new ArchetypeEdge(from, to, componentId);
        SetEdge(ref from.RemoveEdges, componentId, edge);
        SetEdge(ref to.AddEdges, componentId, new ArchetypeEdge(to, from, componentId));
        return edge;
    }

    private static void SetEdge(ref ArchetypeEdge?[] edges, int componentId, ArchetypeEdge edge)
    {
        if (componentId >= edges.Length)
        {
            Array.Resize(ref edges, Math.Max(componentId + 1, edges.Length * 2));
        }

        edges[componentId] = edge;
    }

    private Archetype GetOrCreateArchetype(int[] sortedIds)
    {
        var key = new ArchetypeKey(sortedIds);
        if (_archetypeByKey.TryGetValue(key, out Archetype? found))
        {
            return found;
        }

        var components = new ComponentInfo[sortedIds.Length];
        for (int i = 0; i < sortedIds.Length; i++)
        {
            components[i] = _components[sortedIds[i]];
        }

        var archetype = new Archetype(this, _archetypes.Count, components, _visibleList);
        _archetypes.Add(archetype);
        _archetypeByKey.Add(key, archetype);
        return archetype;
    }

    private void ThrowIfInTick(string operation)
    {
        if (_inTick)
        {
            throw new InvalidOperationException(
                $"{operation} inside a tick: structural changes inside a tick go through a CommandBuffer (World.CreateCommandBuffer) and apply when the tick ends.");
        }
    }

    private void ThrowIfSame(int id1, int id2)
    {
        if (id1 == id2)
        {
            throw new ArgumentException($"Create lists component {_components[id1].Name} twice.");
        }
    }
}
