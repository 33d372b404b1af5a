using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// Records structural changes made inside a tick; they apply at the end of the tick (after the commit), buffers in
/// <see cref="PlaybackOrder"/> (then creation order) and, within a buffer, in recording order. Until then they are
/// invisible: a created entity is not alive, a destroyed one still is, added and removed components are unchanged.
/// Values of <see cref="Add{T}"/> are copied into the buffer's own byte store; steady-state recording allocates nothing.
/// Not thread-safe: give each system its own buffer.
/// </summary>
/// <remarks>
/// Determinism across threads: <see cref="Create"/> hands out handles from this buffer's own pool, which the world
/// refills at every <see cref="World.BeginTick"/> (one thread, buffers in playback order), so which handle a create
/// gets does not depend on which system's thread runs first. The pool holds twice the creates of the previous tick,
/// at least <see cref="ReserveCreates"/>; a create beyond it takes the next free index under a lock, and only such
/// overflow handles can differ between runs when several buffers overflow in the same tick.
/// </remarks>
[DebuggerDisplay("CommandBuffer {Name,nq}: {Count} commands")]
public sealed unsafe class CommandBuffer
{
    private readonly World _world;
    private readonly List<Command> _commands = new();
    private byte[] _data = new byte[256];
    private int _dataLength;

    /// <summary>Handles reserved for this buffer's creates: <c>_pool[_poolStart.._poolEnd)</c>, handed out in order.</summary>
    private Entity[] _pool = Array.Empty<Entity>();
    private int _poolStart;
    private int _poolEnd;

    /// <summary>Creates since the last refill (the demand the next refill sizes the pool for).</summary>
    private int _createsSinceRefill;

    /// <summary>The pool's minimum size (<see cref="ReserveCreates"/>).</summary>
    private int _minimumPool;

    internal CommandBuffer(World world, string name, int playbackOrder, long sequence)
    {
        _world = world;
        Name = name;
        PlaybackOrder = playbackOrder;
        Sequence = sequence;
    }

    /// <summary>The buffer's name, used in reports.</summary>
    public string Name { get; }

    /// <summary>The stable key buffers play back by (ascending; equal keys in creation order).</summary>
    public int PlaybackOrder { get; }

    /// <summary>Commands waiting for playback.</summary>
    public int Count => _commands.Count;

    /// <summary>The buffer's creation number in its world: the tie-break of <see cref="PlaybackOrder"/>.</summary>
    internal long Sequence { get; }

    /// <summary>
    /// Reserves an entity and returns its real handle at once; it becomes alive (with no components, then whatever
    /// this buffer adds to it) when the tick ends. Until then <see cref="World.IsAlive"/> is false for it.
    /// </summary>
    public Entity Create()
    {
        Entity entity = _poolStart < _poolEnd ? _pool[_poolStart++] : _world.Reserve();
        _createsSinceRefill++;
        _commands.Add(new Command(CommandKind.Create, entity, -1, -1));
        return entity;
    }

    /// <summary>
    /// Keeps at least <paramref name="count"/> handles reserved for this buffer's creates, so that up to that many
    /// creates per tick get deterministic handles from the first tick on (the pool also grows with the demand it sees).
    /// Outside a tick the pool is filled at once; inside one, at the next <see cref="World.BeginTick"/>.
    /// </summary>
    /// <param name="count">The minimum pool size; 0 (the default) sizes the pool by demand only.</param>
    public void ReserveCreates(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        _minimumPool = count;
        if (!_world.IsInTick)
        {
            RefillPool();
        }
    }

    /// <summary>Tops the pool up to its target (called by the world's thread at the start of every tick).</summary>
    internal void RefillPool()
    {
        int target = Math.Max(_minimumPool, 2 * _createsSinceRefill);
        _createsSinceRefill = 0;
        int have = _poolEnd - _poolStart;
        if (have >= target)
        {
            return;
        }

        if (_pool.Length < target)
        {
            var grown = new Entity[target];
            Array.Copy(_pool, _poolStart, grown, 0, have);
            _pool = grown;
        }
        else if (_poolStart > 0)
        {
            Array.Copy(_pool, _poolStart, _pool, 0, have);
        }

        _poolStart = 0;
        _world.ReserveInto(_pool.AsSpan(have, target - have));
        _poolEnd = target;
    }

    /// <summary>Destroys the entity when the tick ends (skipped and reported if it is gone by then).</summary>
    /// <param name="entity">A live or reserved entity.</param>
    /// <exception cref="StaleEntityException">The entity is neither alive nor reserved.</exception>
    public void Destroy(Entity entity)
    {
        CheckTarget(entity, "Destroy");
        _commands.Add(new Command(CommandKind.Destroy, entity, -1, -1));
    }

    /// <summary>Adds (or overwrites) a component when the tick ends; the value is marked changed for the next tick.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live or reserved entity.</param>
    /// <param name="value">The value, copied now.</param>
    public void Add<T>(Entity entity, in T value) where T : unmanaged, IStruct<T>
    {
        CheckTarget(entity, "Add");
        int size = sizeof(T);
        if (_dataLength + size > _data.Length)
        {
            Array.Resize(ref _data, Math.Max(_data.Length * 2, _dataLength + size));
        }

        fixed (byte* data = &_data[_dataLength])
        {
            *(T*)data = value;
        }

        _commands.Add(new Command(CommandKind.Add, entity, _world.IdOf<T>(), _dataLength));
        _dataLength += size;
    }

    /// <summary>Removes a component when the tick ends (a no-op if the entity does not have it then).</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="entity">A live or reserved entity.</param>
    public void Remove<T>(Entity entity) where T : unmanaged, IStruct<T>
    {
        CheckTarget(entity, "Remove");
        _commands.Add(new Command(CommandKind.Remove, entity, _world.IdOf<T>(), -1));
    }

    private void CheckTarget(Entity entity, string operation)
    {
        if (!_world.IsAlive(entity) && !_world.IsReserved(entity))
        {
            throw _world.Stale(entity, $"CommandBuffer '{Name}'.{operation}");
        }
    }

    /// <summary>Applies and clears the commands; returns how many were applied.</summary>
    internal int Playback(TickReport report)
    {
        int count = _commands.Count;
        fixed (byte* data = _data)
        {
            for (int i = 0; i < count; i++)
            {
                Command command = _commands[i];
                Entity entity = command.Entity;
                if (command.Kind == CommandKind.Create)
                {
                    _world.MaterializeReserved(entity);
                    continue;
                }

                if (!_world.IsAlive(entity))
                {
                    report.Skipped.Add(new SkippedCommand(Name, command.Kind.ToString(), entity));
                    continue;
                }

                switch (command.Kind)
                {
                    case CommandKind.Destroy:
                        _world.DestroyCore(entity);
                        break;
                    case CommandKind.Add:
                        _world.AddCore(entity, command.ComponentId, data + command.DataOffset, "CommandBuffer.Add");
                        break;
                    default:
                        _world.RemoveCore(entity, command.ComponentId, "CommandBuffer.Remove");
                        break;
                }
            }
        }

        _commands.Clear();
        _dataLength = 0;
        return count;
    }
}
