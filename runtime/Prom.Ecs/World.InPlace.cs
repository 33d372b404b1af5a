using System;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// In-place updates: a component whose prev nobody else reads during a tick skips the second buffer. Its owner's writes
/// go straight to the committed values, the commit swaps nothing, unwritten rows need no carry; changed marks, coverage
/// reports and double-write reports are the same as with double buffers.
/// </summary>
public sealed unsafe partial class World
{
    /// <summary>
    /// Makes the owner of <typeparamref name="T"/> update it in place (or, with <paramref name="inPlace"/> false, back to
    /// double buffers). In place, the owner's <c>Next</c> columns are its <c>Prev</c> columns: a write is visible at once,
    /// so a row must be computed only from its own values (as a per-entity update is), and nobody else may read
    /// <typeparamref name="T"/> during a tick — <see cref="Get{T}"/>, <see cref="TryGet{T}"/>, <see cref="EntityRow.Get{T}"/>,
    /// <see cref="QueryChunk.Read{T}"/> and tuples throw <see cref="InvalidOperationException"/> naming the owner instead
    /// of returning a half-updated value. Between ticks everything reads as usual. The scheduler turns this on for the
    /// components of generated per-entity systems that no other system of the plan reads.
    /// </summary>
    /// <typeparam name="T">A component <paramref name="owner"/> owns.</typeparam>
    /// <param name="owner">The owner of <typeparamref name="T"/>.</param>
    /// <param name="inPlace">True for one buffer, false for double buffers (the default of every component).</param>
    /// <exception cref="InvalidOperationException">Called inside a tick.</exception>
    /// <exception cref="OwnershipException"><paramref name="owner"/> does not own <typeparamref name="T"/>.</exception>
    public void UpdateInPlace<T>(OwnerToken owner, bool inPlace = true) where T : unmanaged, IStruct<T>
    {
        ArgumentNullException.ThrowIfNull(owner);
        ThrowIfInTick("UpdateInPlace");
        int id = IdOf<T>();
        if (_ownerOf[id] != owner.Id || owner.World != this)
        {
            throw new OwnershipException($"'{owner.Name}' cannot update {_components[id].Name} in place: only its owner can (call Own<{_components[id].Name}> first).");
        }

        // Switching is safe between ticks: prev holds the current values in both modes, and next is rewritten in full
        // (carry, then swap) before any commit exposes it.
        _inPlace[id] = inPlace;
    }

    /// <summary>True when <typeparamref name="T"/> is updated in place by its owner (see <see cref="UpdateInPlace{T}"/>).</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public bool IsUpdatedInPlace<T>() where T : unmanaged, IStruct<T>
    {
        int id = IdOf<T>(); // first: registering T replaces the array
        return _inPlace[id];
    }

    /// <summary>True when the component is updated in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal bool IsInPlace(int componentId) => _inPlace[componentId];

    /// <summary>The columns an owner's writes of a component go to: <c>next</c>, or <c>prev</c> when it is updated in place.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal nint* WriteColumns(Chunk chunk, int componentId) => _inPlace[componentId] ? chunk.PrevColumns : chunk.NextColumns;

    /// <summary>Throws when a non-owner read of a component could see a half-updated in-place value (inside a tick).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal void CheckReadable(int componentId, string operation)
    {
        if (_inTick && _inPlace[componentId])
        {
            throw UpdatedInPlace(componentId, operation);
        }
    }

    /// <summary>The exception of <see cref="CheckReadable"/>, built out of line (callers <c>throw</c> it).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal InvalidOperationException UpdatedInPlace(int componentId, string operation)
    {
        ComponentInfo info = _components[componentId];
        string owner = _ownerOf[componentId] >= 0 ? _owners[_ownerOf[componentId]].Name : "its owner";
        return new InvalidOperationException(
            $"{operation} of {info.Name} inside a tick: {info.Name} is updated in place by '{owner}', so its values change while the tick runs. "
            + $"Read it between ticks, through its owner's ColumnWriter, or switch it back with World.UpdateInPlace<{info.Name}>(owner, false) (the scheduler does so when another system of the plan reads it).");
    }
}
