using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// Gathers one row of <typeparamref name="T"/>'s leaf columns into a value, with the leaf plan of
/// <c>T.Layout</c> in static readonly fields: the JIT treats them as constants, so for the common all-4-byte component
/// the gather compiles to one load and one store per leaf (no per-leaf size switch, no plan lookups per row).
/// </summary>
/// <typeparam name="T">The component type.</typeparam>
internal static unsafe class LeafCopy<T> where T : unmanaged, IStruct<T>
{
    private static readonly int Count = T.Layout.Leaves.Count;
    private static readonly int[] Offsets = Plan(static leaf => leaf.Offset);
    private static readonly int[] Sizes = Plan(static leaf => leaf.Size);

    /// <summary>Every leaf is 4 bytes and leaf <c>k</c> sits at byte <c>4k</c> (see <see cref="ComponentInfo"/>).</summary>
    private static readonly bool Dense32 = ComponentInfo.IsDense32(T.Layout.Leaves);

    /// <summary>The value of row <paramref name="row"/> of the leaf columns starting at <paramref name="columns"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static T Gather(nint* columns, int row)
    {
        T value = default;
        byte* target = (byte*)&value;
        if (Dense32)
        {
            for (int k = 0; k < Count; k++)
            {
                Unsafe.WriteUnaligned(target + (4 * k), ((uint*)columns[k])[row]);
            }
        }
        else
        {
            for (int k = 0; k < Count; k++)
            {
                int size = Sizes[k];
                ComponentInfo.CopyScalar((byte*)columns[k] + ((nint)row * size), target + Offsets[k], size);
            }
        }

        return value;
    }

    private static int[] Plan(Func<StructLeaf, int> select)
    {
        IReadOnlyList<StructLeaf> leaves = T.Layout.Leaves;
        var plan = new int[leaves.Count];
        for (int k = 0; k < plan.Length; k++)
        {
            plan[k] = select(leaves[k]);
        }

        return plan;
    }
}
