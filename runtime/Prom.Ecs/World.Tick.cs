using System;
using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>Ticks, owners and command buffers: the commit at the tick boundary.</summary>
public sealed unsafe partial class World
{
    /// <summary>Creates an owner token (one per system); give it components with <see cref="Own{T}"/>.</summary>
    /// <param name="name">The system's name, used in every error message about its writes.</param>
    public OwnerToken CreateOwner(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var owner = new OwnerToken(this, _owners.Count, name);
        _owners.Add(owner);
        return owner;
    }

    /// <summary>Makes <paramref name="owner"/> the only writer of <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    /// <param name="owner">An owner of this world.</param>
    /// <exception cref="OwnershipException">Another owner already owns <typeparamref name="T"/> (both are named).</exception>
    public void Own<T>(OwnerToken owner) where T : unmanaged, IStruct<T>
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.World != this)
        {
            throw new ArgumentException($"Owner '{owner.Name}' belongs to another world.", nameof(owner));
        }

        int id = IdOf<T>();
        int current = _ownerOf[id];
        if (current >= 0 && current != owner.Id)
        {
            throw new OwnershipException(
                $"{_components[id].Name} has two owners: '{_owners[current].Name}' owns it and '{owner.Name}' tried to claim it.");
        }

        _ownerOf[id] = owner.Id;
    }

    /// <summary>The owner of <typeparamref name="T"/>, or null.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public OwnerToken? OwnerOf<T>() where T : unmanaged, IStruct<T>
    {
        int id = IdOf<T>(); // first: registering T replaces the array
        int owner = _ownerOf[id];
        return owner < 0 ? null : _owners[owner];
    }

    /// <summary>
    /// Creates a command buffer with playback key 0. Buffers play back at the end of every tick by key, equal keys in
    /// the order they were created, each in the order its commands were recorded, so playback is deterministic. Use one
    /// buffer per system. Thread-safe; buffers created from several threads at once should use
    /// <see cref="CreateCommandBuffer(string, int)"/> with distinct keys.
    /// </summary>
    /// <param name="name">A name used in reports.</param>
    public CommandBuffer CreateCommandBuffer(string name = "commands") => CreateCommandBuffer(name, 0);

    /// <summary>
    /// Creates a command buffer with a stable playback key: buffers play back by ascending
    /// <paramref name="playbackOrder"/>, equal keys in creation order, so the order does not depend on which thread
    /// created a buffer first when each has its own key.
    /// </summary>
    /// <param name="name">A name used in reports.</param>
    /// <param name="playbackOrder">The playback key (e.g. the system's index in the schedule).</param>
    public CommandBuffer CreateCommandBuffer(string name, int playbackOrder)
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_commandBuffers)
        {
            var buffer = new CommandBuffer(this, name, playbackOrder, _commandBuffers.Count);
            int at = _commandBuffers.Count;
            while (at > 0 && _commandBuffers[at - 1].PlaybackOrder > playbackOrder)
            {
                at--;
            }

            _commandBuffers.Insert(at, buffer);
            return buffer;
        }
    }

    /// <summary>Starts a tick: reads see <c>prev</c>, owners write <c>next</c>. Nothing is cleared or copied.</summary>
    /// <exception cref="InvalidOperationException">A tick is already running.</exception>
    public void BeginTick()
    {
        if (_inTick)
        {
            throw new InvalidOperationException("BeginTick while a tick is running: call EndTick first.");
        }

        Report.Clear();

        // Refill every buffer's create pool here, on one thread and in playback order, so the handles systems get from
        // Create() during the tick do not depend on thread timing.
        for (int i = 0; i < _commandBuffers.Count; i++)
        {
            _commandBuffers[i].RefillPool();
        }

        _inTick = true;
        _openTick = _tick;
    }

    /// <summary>
    /// Ends the tick. (1) Each written column is checked for coverage (unwritten rows are carried and reported) and
    /// swapped by reference with its <c>prev</c>; columns nobody wrote are untouched. (2) The changed rows of this tick
    /// become the visible changed set and the previous one is cleared — cost proportional to the writes. (3) Command
    /// buffers play back. In <see cref="CoverageMode.Strict"/>, gaps then throw <see cref="CoverageException"/>.
    /// </summary>
    public void EndTick()
    {
        if (!_inTick)
        {
            throw new InvalidOperationException("EndTick without BeginTick.");
        }

        int swapped = 0;
        int carried = 0;
        foreach (OwnerToken owner in _owners)
        {
            List<ChunkSlot> written = owner.Written;
            for (int i = 0; i < written.Count; i++)
            {
                Chunk chunk = written[i].Chunk;
                int slot = written[i].Slot;
                bool inPlace = _inPlace[chunk.Archetype.ComponentIds[slot]];
                // A per-chunk write covers every row (no bits to check or clear); row writes leave bits to check.
                int offset = chunk.WrittenOffset(slot);
                if (!chunk.AllWritten[slot])
                {
                    int gap = RowBits.FirstClear(chunk.Bits, offset, chunk.Count);
                    if (gap >= 0)
                    {
                        carried += CarryUncovered(owner, chunk, slot, offset, gap, inPlace);
                    }
                }

                // In place, prev already holds every written value and the unwritten rows' own: nothing to swap.
                if (!inPlace)
                {
                    chunk.SwapBuffers(slot);
                }

                if (chunk.RowsWritten[slot])
                {
                    RowBits.ClearFirst(chunk.Bits, offset, chunk.Count);
                    chunk.RowsWritten[slot] = false;
                }

                chunk.AllWritten[slot] = false;
                chunk.WrittenListed[slot] = false;
                swapped++;
            }

            written.Clear();
        }

        for (int i = 0; i < _visibleList.Count; i++)
        {
            Chunk chunk = _visibleList[i].Chunk;
            int slot = _visibleList[i].Slot;
            chunk.ClearVisibleChanged(slot);
            chunk.VisibleListed[slot] = false;
        }

        _visibleList.Clear();
        foreach (OwnerToken owner in _owners)
        {
            List<ChunkSlot> changed = owner.ChangedNext;
            for (int i = 0; i < changed.Count; i++)
            {
                Chunk chunk = changed[i].Chunk;
                int slot = changed[i].Slot;
                chunk.PromoteChanged(slot);
                chunk.NextListed[slot] = false;
                chunk.VisibleListed[slot] = true;
                _visibleList.Add(changed[i]);
            }

            changed.Clear();
        }

        Report.SwappedSlots = swapped;
        Report.CarriedRows = carried;
        _inTick = false;
        _openTick = -1;
        _tick++;

        int played = 0;
        foreach (CommandBuffer buffer in _commandBuffers)
        {
            played += buffer.Playback(Report);
        }

        Report.PlayedCommands = played;
        if (Options.Coverage == CoverageMode.Strict && Report.Gaps.Count > 0)
        {
            throw new CoverageException(Report.Gaps);
        }
    }

    /// <summary>Carries every unwritten row of a written column and reports the gap; returns the rows carried.</summary>
    private int CarryUncovered(OwnerToken owner, Chunk chunk, int slot, int offset, int firstGap, bool inPlace)
    {
        int count = 0;
        for (int row = firstGap; row < chunk.Count; row++)
        {
            if (!RowBits.Get(chunk.Bits, offset, row))
            {
                // In place an unwritten row already holds its value: the carry is implicit, the report the same.
                if (!inPlace)
                {
                    chunk.CarryRow(slot, row);
                }

                count++;
            }
        }

        Report.Gaps.Add(new CoverageGap(owner, chunk.Archetype.Components[slot], chunk.Entities[firstGap], count));
        return count;
    }

    /// <summary>The owner id of a component, or -1.</summary>
    internal int OwnerIdOf(int componentId) => _ownerOf[componentId];

    internal OwnerToken OwnerById(int ownerId) => _owners[ownerId];

    internal bool InTick => _inTick;

    /// <summary>The running tick's number, or -1 between ticks (see <see cref="ColumnWriter{T}"/>).</summary>
    internal long OpenTick => _openTick;
}
