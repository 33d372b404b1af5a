using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Prom.Ecs;

/// <summary>
/// An archetype ECS world with double-buffered SoA columns. Systems read <c>prev</c> and write <c>next</c> through
/// the <see cref="OwnerToken"/> that owns a component; <see cref="EndTick"/> commits by swapping the written columns
/// by reference, promotes the changed rows, and plays back the command buffers.
/// </summary>
/// <remarks>
/// Outside a tick (setup, between ticks) the world is changed directly: <see cref="Create()"/>, <see cref="Add{T}"/>,
/// <see cref="Set{T}"/> write into both buffers. Inside a tick structural changes go through a
/// <see cref="CommandBuffer"/> and component writes through an <see cref="OwnerToken"/>.
/// A world is used from one thread at a time, except that during a tick different owners (each on its own thread) may
/// write their own components, reads of <c>prev</c> are free, and command buffers are per system.
/// </remarks>
[DebuggerDisplay("World: {EntityCount} entities, {ComponentCount} components, tick {Tick}")]
public sealed partial class World
{
    private readonly object _registrationLock = new();
    private readonly List<ComponentInfo> _components = new();
    private readonly List<OwnerToken> _owners = new();
    private readonly List<CommandBuffer> _commandBuffers = new();

    /// <summary>Process-wide type slot → per-world component id + 1 (0 = not registered here).</summary>
    private int[] _idBySlot = Array.Empty<int>();

    /// <summary>Component id → owner id, or -1.</summary>
    private int[] _ownerOf = Array.Empty<int>();

    /// <summary>Component id → its owner updates it in place (one buffer, no swap; see <see cref="UpdateInPlace{T}"/>).</summary>
    private bool[] _inPlace = Array.Empty<bool>();

    private bool _inTick;
    private long _tick;

    /// <summary>The number of the running tick, or -1 between ticks: the stamp a <see cref="ColumnWriter{T}"/> checks.</summary>
    private long _openTick = -1;

    /// <summary>Creates an empty world.</summary>
    /// <param name="options">Settings; <c>null</c> for the defaults.</param>
    public World(WorldOptions? options = null)
    {
        Options = options ?? new WorldOptions();
        ChunkCapacity = Options.ChunkCapacity;
        LargeChunkCapacity = Options.LargeChunkCapacity;
        if (LargeChunkCapacity < ChunkCapacity)
        {
            throw new ArgumentException(
                $"WorldOptions.LargeChunkCapacity ({LargeChunkCapacity}) is smaller than ChunkCapacity ({ChunkCapacity}): large archetypes' chunks cannot shrink.",
                nameof(options));
        }

        _emptyArchetype = GetOrCreateArchetype(Array.Empty<int>());
    }

    /// <summary>The settings this world was created with.</summary>
    public WorldOptions Options { get; }

    /// <summary>Rows per chunk of a small archetype (see <see cref="WorldOptions.ChunkCapacity"/>).</summary>
    public int ChunkCapacity { get; }

    /// <summary>Rows per chunk of a large archetype (see <see cref="WorldOptions.LargeChunkCapacity"/>).</summary>
    public int LargeChunkCapacity { get; }

    /// <summary>The number of registered component types.</summary>
    public int ComponentCount => _components.Count;

    /// <summary>The registered component types in id order.</summary>
    public IReadOnlyList<ComponentInfo> Components => _components;

    /// <summary>The number of ticks committed so far.</summary>
    public long Tick => _tick;

    /// <summary>True between <see cref="BeginTick"/> and <see cref="EndTick"/>.</summary>
    public bool IsInTick => _inTick;

    /// <summary>What happened in the current or last tick (reused, cleared by <see cref="BeginTick"/>).</summary>
    public TickReport Report { get; } = new();

    /// <summary>
    /// Registers <typeparamref name="T"/> and returns its id; registering again returns the same id. Ids are assigned
    /// in registration order from 0. Types are also registered on first use, so call this at startup to fix the order.
    /// </summary>
    /// <typeparam name="T">An unmanaged <c>[Struct]</c> type.</typeparam>
    /// <exception cref="ArgumentException">The type's layout metadata does not describe its memory.</exception>
    public int Register<T>() where T : unmanaged, IStruct<T>
    {
        int slot = ComponentTypeSlot<T>.Value;
        int[] ids = _idBySlot;
        if (slot < ids.Length && ids[slot] != 0)
        {
            return ids[slot] - 1;
        }

        lock (_registrationLock)
        {
            ids = _idBySlot;
            if (slot < ids.Length && ids[slot] != 0)
            {
                return ids[slot] - 1;
            }

            var info = new ComponentInfo(_components.Count, typeof(T), Validate<T>());
            _components.Add(info);
            var grownOwners = new int[_components.Count];
            Array.Copy(_ownerOf, grownOwners, _ownerOf.Length);
            grownOwners[info.Id] = -1;
            _ownerOf = grownOwners;
            var grownInPlace = new bool[_components.Count];
            Array.Copy(_inPlace, grownInPlace, _inPlace.Length);
            _inPlace = grownInPlace;
            var grown = new int[Math.Max(ids.Length, slot + 1)];
            Array.Copy(ids, grown, ids.Length);
            grown[slot] = info.Id + 1;
            Volatile.Write(ref _idBySlot, grown);
            return info.Id;
        }
    }

    /// <summary>The id of <typeparamref name="T"/> in this world (registering it on first use).</summary>
    /// <typeparam name="T">The component type.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public int IdOf<T>() where T : unmanaged, IStruct<T>
    {
        int slot = ComponentTypeSlot<T>.Value;
        int[] ids = _idBySlot;
        return slot < ids.Length && ids[slot] != 0 ? ids[slot] - 1 : Register<T>();
    }

    /// <summary>
    /// The id of <typeparamref name="T"/> in this world, or -1 when it was never registered: no registration path, so
    /// an inlined accessor that only needs to find the component has no call that returns (see <see cref="QueryChunk.Read{T}"/>).
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal int RegisteredIdOf<T>() where T : unmanaged, IStruct<T>
    {
        int slot = ComponentTypeSlot<T>.Value;
        int[] ids = _idBySlot;
        return (uint)slot < (uint)ids.Length ? ids[slot] - 1 : -1;
    }

    /// <summary>The description of <typeparamref name="T"/> (registering it on first use).</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public ComponentInfo InfoOf<T>() where T : unmanaged, IStruct<T> => _components[IdOf<T>()];

    /// <summary>The description of component <paramref name="id"/>.</summary>
    /// <param name="id">A component id of this world.</param>
    public ComponentInfo InfoOf(int id) => _components[id];

    private static StructLayoutInfo Validate<T>() where T : unmanaged, IStruct<T>
    {
        StructLayoutInfo layout = T.Layout ?? throw new ArgumentException($"{typeof(T).Name}.Layout is null.");
        int size = Unsafe.SizeOf<T>();
        if (layout.Size != size)
        {
            throw new ArgumentException($"{typeof(T).Name}.Layout.Size is {layout.Size} but the type's size is {size} bytes.");
        }

        foreach (StructLeaf leaf in layout.Leaves)
        {
            if (leaf.Size is not (1 or 2 or 4 or 8) || leaf.Offset < 0 || leaf.Offset + leaf.Size > size)
            {
                throw new ArgumentException(
                    $"{typeof(T).Name}: leaf '{leaf.Path}' (offset {leaf.Offset}, size {leaf.Size}) does not fit a {size}-byte value with a 1, 2, 4 or 8-byte scalar.");
            }
        }

        return layout;
    }
}
