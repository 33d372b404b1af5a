using System;
using System.Collections.Generic;
using System.Threading;

namespace Prom.Ecs;

/// <summary>Job offload: exclusive leases of an owner's columns (see <see cref="ColumnLease{T}"/>).</summary>
public sealed unsafe partial class World
{
    private readonly object _leaseLock = new();
    private readonly List<LeaseEntry> _liveLeases = new();

    /// <summary>Component id → its reusable lease state, or null.</summary>
    private LeaseEntry?[] _leaseEntries = Array.Empty<LeaseEntry?>();

    /// <summary>Live leases; read without the lock as a fast "none" check after every system.</summary>
    private int _liveLeaseCount;

    /// <summary>
    /// Leases every column of <typeparamref name="T"/> (all chunks) to its owner for jobs on other threads, without
    /// copying. Every row counts as written by <paramref name="owner"/> from now on (as with
    /// <see cref="QueryChunk.Write{T}"/>). Only one lease of a component can be live at a time.
    /// </summary>
    /// <typeparam name="T">A component <paramref name="owner"/> owns.</typeparam>
    /// <param name="owner">The owner (the system's <see cref="SystemContext.Owner"/>).</param>
    /// <exception cref="OwnershipException"><paramref name="owner"/> does not own <typeparamref name="T"/>.</exception>
    /// <exception cref="InvalidOperationException">Outside a tick, or <typeparamref name="T"/> is already leased (the holder is named).</exception>
    public ColumnLease<T> LeaseColumns<T>(OwnerToken owner) where T : unmanaged, IStruct<T>
    {
        ArgumentNullException.ThrowIfNull(owner);
        if (owner.World != this)
        {
            throw new ArgumentException($"Owner '{owner.Name}' belongs to another world.", nameof(owner));
        }

        int id = IdOf<T>();
        string name = InfoOf(id).Name;
        if (!InTick)
        {
            throw new InvalidOperationException($"'{owner.Name}' cannot lease {name} outside a tick: leases are for writing next during a tick.");
        }

        int ownerId = OwnerIdOf(id);
        if (ownerId != owner.Id)
        {
            string owned = ownerId < 0 ? $"it has no owner (call World.Own<{name}>)" : $"it is owned by '{OwnerById(ownerId).Name}'";
            throw new OwnershipException($"'{owner.Name}' cannot lease {name}: {owned}.");
        }

        LeaseEntry entry;
        lock (_leaseLock)
        {
            if (id >= _leaseEntries.Length)
            {
                Array.Resize(ref _leaseEntries, Math.Max(id + 1, _leaseEntries.Length * 2));
            }

            entry = _leaseEntries[id] ??= new LeaseEntry(id, name);
            if (entry.Holder is not null)
            {
                throw new InvalidOperationException(
                    $"{name} is already leased by '{entry.Holder.Name}': a component has one lease at a time; dispose the first lease before taking another.");
            }

            entry.Holder = owner;
            entry.Generation++;
            _liveLeases.Add(entry);
            Interlocked.Increment(ref _liveLeaseCount);
        }

        CollectLeasedChunks(entry, owner);
        return new ColumnLease<T>(this, entry, owner);
    }

    /// <summary>Releases a lease if <paramref name="generation"/> is still the live one.</summary>
    internal void ReleaseLease(LeaseEntry entry, int generation)
    {
        lock (_leaseLock)
        {
            if (entry.Holder is null || entry.Generation != generation)
            {
                return;
            }

            Free(entry);
        }
    }

    /// <summary>Revokes every live lease held by <paramref name="owner"/>; returns their component names, or null if none.</summary>
    internal string? RevokeLeasesOf(OwnerToken owner)
    {
        if (Volatile.Read(ref _liveLeaseCount) == 0)
        {
            return null;
        }

        lock (_leaseLock)
        {
            string? names = null;
            for (int i = _liveLeases.Count - 1; i >= 0; i--)
            {
                LeaseEntry entry = _liveLeases[i];
                if (entry.Holder == owner)
                {
                    names = names is null ? entry.ComponentName : entry.ComponentName + ", " + names;
                    Free(entry);
                }
            }

            return names;
        }
    }

    private void Free(LeaseEntry entry)
    {
        entry.Holder = null;
        entry.Generation++;
        _liveLeases.Remove(entry);
        Interlocked.Decrement(ref _liveLeaseCount);
    }

    /// <summary>
    /// Lists the chunks of the lease and does the owner's write bookkeeping for all of them now, on the owner's
    /// thread: every row written (coverage) and every chunk listed for changed promotion. Jobs then only set bits in
    /// their own 64-row words and never touch the owner's lists, so shards on many threads need no lock.
    /// </summary>
    private void CollectLeasedChunks(LeaseEntry entry, OwnerToken owner)
    {
        entry.Chunks.Clear();
        entry.Slots.Clear();
        entry.Offsets.Clear();
        int rows = 0;
        foreach (Archetype archetype in Archetypes)
        {
            int slot = archetype.SlotOf(entry.ComponentId);
            if (slot < 0)
            {
                continue;
            }

            for (int c = 0; c < archetype.UsedChunks; c++)
            {
                Chunk chunk = archetype.ChunkAt(c);
                if (chunk.Count == 0)
                {
                    continue;
                }

                owner.MarkAllWritten(chunk, slot);
                if (!chunk.NextListed[slot])
                {
                    chunk.NextListed[slot] = true;
                    owner.ChangedNext.Add(new ChunkSlot(chunk, slot));
                }

                entry.Chunks.Add(chunk);
                entry.Slots.Add(slot);
                entry.Offsets.Add(rows);
                rows += chunk.Count;
            }
        }

        entry.RowCount = rows;
    }
}
