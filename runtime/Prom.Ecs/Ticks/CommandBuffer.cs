using System;
using System.Collections.Generic;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// Records structural changes made inside a tick; they apply at the end of the tick (after the commit), in the order
/// the world's buffers were created and, within a buffer, in recording order. Until then they are invisible: a created
/// entity is not alive, a destroyed one still is, added and removed components are unchanged. Values of
/// <see cref="Add{T}"/> are copied into the buffer's own byte store; steady-state recording allocates nothing.
/// Not thread-safe: give each system its own buffer.
/// </summary>
[DebuggerDisplay("CommandBuffer {Name,nq}: {Count} commands")]
public sealed unsafe class CommandBuffer
{
    private readonly World _world;
    private readonly List<Command> _commands = new();
    private byte[] _data = new byte[256];
    private int _dataLength;

    internal CommandBuffer(World world, string name)
    {
        _world = world;
        Name = name;
    }

    /// <summary>The buffer's name, used in reports.</summary>
    public string Name { get; }

    /// <summary>Commands waiting for playback.</summary>
    public int Count => _commands.Count;

    /// <summary>
    /// Reserves an entity and returns its real handle at once; it becomes alive (with no components, then whatever
    /// this buffer adds to it) when the tick ends. Until then <see cref="World.IsAlive"/> is false for it.
    /// </summary>
    public Entity Create()
    {
        Entity entity = _world.Reserve();
        _commands.Add(new Command(CommandKind.Create, entity, -1, -1));
        return entity;
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
