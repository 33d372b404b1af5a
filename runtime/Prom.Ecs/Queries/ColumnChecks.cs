using System;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// Cold exception factories of the column accessors. Call sites write <c>throw ColumnChecks.X(...)</c>: the throw stays
/// in the hot method, so the JIT knows the block never returns (a cold block with no call that returns), and the
/// message is built out of line, so the accessor stays small enough to inline. Everything is passed as arguments: an
/// instance helper on an accessor struct would take the struct's address and keep it, and the column references it
/// holds, in memory instead of registers.
/// </summary>
internal static class ColumnChecks
{
    /// <summary>A leaf index outside the component, or a scalar type of another size than the leaf.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static unsafe Exception BadLeaf<T, TScalar>(int leaf, int leafCount)
        where T : unmanaged, IStruct<T>
        where TScalar : unmanaged
    {
        if ((uint)leaf >= (uint)leafCount)
        {
            return new ArgumentOutOfRangeException(nameof(leaf), leaf, $"{typeof(T).Name} has {leafCount} leaves.");
        }

        StructLeaf info = T.Layout.Leaves[leaf];
        return new ArgumentException(
            $"Leaf '{info.Path}' of {typeof(T).Name} is a {info.Size}-byte {info.Kind}; {typeof(TScalar).Name} is {sizeof(TScalar)} bytes.",
            nameof(TScalar));
    }

    /// <summary>A row outside the chunk's rows.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Exception BadRow(int row, int count) =>
        new ArgumentOutOfRangeException(nameof(row), row, $"The chunk has {count} rows.");

    /// <summary>A 64-row word outside the chunk's rows.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Exception BadWord(int word, int count) =>
        new ArgumentOutOfRangeException(nameof(word), word, $"The chunk has {count} rows.");

    /// <summary>A <see cref="ColumnWriter{T}"/> used after the tick it was opened in.</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Exception StaleWriter<T>(OwnerToken owner, long stamp)
        where T : unmanaged, IStruct<T>
    {
        long open = owner.World.OpenTick;
        return new InvalidOperationException(
            $"This ColumnWriter<{typeof(T).Name}> of '{owner.Name}' was opened in tick {stamp}, which has ended (the world is "
            + (open < 0 ? "between ticks" : $"in tick {open}")
            + $"): a writer belongs to one tick. Open a new one with chunk.Write<{typeof(T).Name}>(owner) in the tick that writes.");
    }

    /// <summary>A chunk's archetype without <typeparamref name="T"/> (registers <typeparamref name="T"/> for its name if it never was).</summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    internal static Exception Missing<T>(Chunk chunk, string operation)
        where T : unmanaged, IStruct<T>
    {
        World world = chunk.Archetype.World;
        Entity entity = chunk.Count > 0 ? chunk.Entities[0] : default;
        return new MissingComponentException(entity, world.InfoOf<T>(), operation);
    }
}
