using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Runtime.CompilerServices;

namespace Prom.Ecs;

/// <summary>
/// The run-time description of one component type registered in a <see cref="World"/>: its id (assigned once per
/// world, in definition order) and its scalar leaves, each of which becomes one SoA column per chunk.
/// </summary>
[DebuggerDisplay("{Name,nq} #{Id}, {LeafCount} leaves")]
public sealed class ComponentInfo
{
    private readonly int[] _leafOffsets;
    private readonly int[] _leafSizes;

    internal ComponentInfo(int id, Type type, StructLayoutInfo layout)
    {
        Id = id;
        Type = type;
        Name = layout.Name;
        Size = layout.Size;
        var leaves = new StructLeaf[layout.Leaves.Count];
        for (int i = 0; i < leaves.Length; i++)
        {
            leaves[i] = layout.Leaves[i];
        }

        Leaves = leaves;
        _leafOffsets = new int[leaves.Length];
        _leafSizes = new int[leaves.Length];
        for (int i = 0; i < leaves.Length; i++)
        {
            _leafOffsets[i] = leaves[i].Offset;
            _leafSizes[i] = leaves[i].Size;
        }

        _dense32 = IsDense32(leaves);
    }

    /// <summary>
    /// Every leaf is 4 bytes and leaf <c>k</c> sits at byte <c>4k</c> (all-float or all-int components, the common
    /// case): a row then gathers and scatters as a plain word copy per leaf, without the per-leaf size switch.
    /// </summary>
    private readonly bool _dense32;

    /// <summary>The id of the component in its world: 0 for the first registered type, then 1, 2, ...</summary>
    public int Id { get; }

    /// <summary>The component's CLR type.</summary>
    public Type Type { get; }

    /// <summary>The component's type name, used in error messages.</summary>
    public string Name { get; }

    /// <summary>The size of one value in bytes (<c>T.Layout.Size</c>).</summary>
    public int Size { get; }

    /// <summary>The scalar leaves in declaration order; leaf <c>k</c> is stored in column <c>k</c> of the component.</summary>
    public IReadOnlyList<StructLeaf> Leaves { get; }

    /// <summary>The number of SoA columns of the component (one per scalar leaf; 0 for a tag component).</summary>
    public int LeafCount => _leafSizes.Length;

    internal int[] LeafSizes => _leafSizes;

    /// <summary>Copies the leaves of one value into row <paramref name="row"/> of the columns starting at <paramref name="columns"/>.</summary>
    internal unsafe void Scatter(byte* value, nint* columns, int row)
    {
        if (_dense32)
        {
            for (int k = 0; k < _leafSizes.Length; k++)
            {
                ((uint*)columns[k])[row] = Unsafe.ReadUnaligned<uint>(value + (4 * k));
            }

            return;
        }

        int[] offsets = _leafOffsets;
        int[] sizes = _leafSizes;
        for (int k = 0; k < sizes.Length; k++)
        {
            int size = sizes[k];
            CopyScalar(value + offsets[k], (byte*)columns[k] + (nint)row * size, size);
        }
    }

    /// <summary>Copies the leaves of row <paramref name="row"/> into one value (padding bytes are left as they are).</summary>
    internal unsafe void Gather(nint* columns, int row, byte* value)
    {
        if (_dense32)
        {
            for (int k = 0; k < _leafSizes.Length; k++)
            {
                Unsafe.WriteUnaligned(value + (4 * k), ((uint*)columns[k])[row]);
            }

            return;
        }

        int[] offsets = _leafOffsets;
        int[] sizes = _leafSizes;
        for (int k = 0; k < sizes.Length; k++)
        {
            int size = sizes[k];
            CopyScalar((byte*)columns[k] + (nint)row * size, value + offsets[k], size);
        }
    }

    /// <summary>True when every leaf of <paramref name="value"/> is bitwise equal to row <paramref name="row"/> of the columns.</summary>
    internal unsafe bool LeavesEqual(byte* value, nint* columns, int row)
    {
        int[] offsets = _leafOffsets;
        int[] sizes = _leafSizes;
        for (int k = 0; k < sizes.Length; k++)
        {
            int size = sizes[k];
            byte* a = value + offsets[k];
            byte* b = (byte*)columns[k] + (nint)row * size;
            bool equal = size switch
            {
                1 => *a == *b,
                2 => Unsafe.ReadUnaligned<ushort>(a) == *(ushort*)b,
                4 => Unsafe.ReadUnaligned<uint>(a) == *(uint*)b,
                _ => Unsafe.ReadUnaligned<ulong>(a) == *(ulong*)b,
            };
            if (!equal)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>True when every leaf is 4 bytes and leaf <c>k</c> sits at byte <c>4k</c> of the value.</summary>
    internal static bool IsDense32(IReadOnlyList<StructLeaf> leaves)
    {
        for (int k = 0; k < leaves.Count; k++)
        {
            if (leaves[k].Size != 4 || leaves[k].Offset != 4 * k)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Copies one scalar; sizes are 1, 2, 4 or 8 (checked at registration).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static unsafe void CopyScalar(byte* source, byte* destination, int size)
    {
        switch (size)
        {
            case 1: *destination = *source; break;
            case 2: Unsafe.WriteUnaligned(destination, Unsafe.ReadUnaligned<ushort>(source)); break;
            case 4: Unsafe.WriteUnaligned(destination, Unsafe.ReadUnaligned<uint>(source)); break;
            default: Unsafe.WriteUnaligned(destination, Unsafe.ReadUnaligned<ulong>(source)); break;
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name;
}
