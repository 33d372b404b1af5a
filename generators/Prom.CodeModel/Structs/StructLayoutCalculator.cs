using System.Collections.Generic;

namespace Prom.CodeModel.Structs;

/// <summary>
/// The C natural layout rules, in one place: each member at <c>alignUp(offset + padding, align)</c>, arrays with a
/// stride equal to the element size, size = <c>alignUp(end, maxAlign)</c>; explicit padding never raises the
/// alignment; an empty struct has size 0 and alignment 1.
/// </summary>
public static class StructLayoutCalculator
{
    /// <summary>A member as the calculator sees it.</summary>
    /// <param name="Name">Property name (its snake_case form starts the leaf paths).</param>
    /// <param name="PadBefore">Explicit padding bytes before the member.</param>
    /// <param name="Element">Element type.</param>
    /// <param name="Length">Array length, or 0 for a single value.</param>
    public readonly record struct MemberInput(string Name, int PadBefore, ElementTypeModel Element, int Length)
    {
        /// <summary>Stored element count.</summary>
        public int Count => Length == 0 ? 1 : Length;
    }

    /// <summary>Rounds <paramref name="offset"/> up to a multiple of <paramref name="alignment"/>.</summary>
    public static int AlignUp(int offset, int alignment) => (offset + alignment - 1) / alignment * alignment;

    /// <summary>Computes member offsets and the layout. Padding counts must already be validated as non-negative.</summary>
    public static (int[] Offsets, StructLayoutModel Layout) Compute(IReadOnlyList<MemberInput> members, int trailingPadding)
    {
        var offsets = new int[members.Count];
        var leaves = new List<LeafModel>();
        int offset = 0;
        int maxAlign = 1;
        bool plain = true;

        for (int i = 0; i < members.Count; i++)
        {
            MemberInput member = members[i];
            int start = offset + member.PadBefore;
            int aligned = AlignUp(start, member.Element.Alignment);
            if (aligned != offset) plain = false; // explicit padding or an alignment gap
            offsets[i] = aligned;
            maxAlign = System.Math.Max(maxAlign, member.Element.Alignment);
            plain &= member.Element.IsPlain;
            AddLeaves(leaves, member, aligned);
            offset = aligned + (member.Element.Size * member.Count);
        }

        offset += trailingPadding;
        int size = AlignUp(offset, maxAlign);
        if (size != offset - trailingPadding) plain = false; // trailing padding or tail alignment
        if (size == 0) plain = false; // an empty struct still occupies one byte in memory
        return (offsets, new StructLayoutModel(size, maxAlign, leaves.ToEquatableArray(), plain));
    }

    private static void AddLeaves(List<LeafModel> leaves, MemberInput member, int offset)
    {
        string name = Naming.ToSnakeCase(member.Name);
        for (int element = 0; element < member.Count; element++)
        {
            string path = member.Length == 0 ? name : $"{name}[{element}]";
            string column = member.Length == 0 ? name : $"{name}_{element}";
            int elementOffset = offset + (element * member.Element.Size);
            if (member.Element.Scalar is { } scalar)
            {
                leaves.Add(new LeafModel(path, column, elementOffset, scalar));
                continue;
            }
            foreach (LeafModel inner in member.Element.Nested!.Leaves)
            {
                leaves.Add(new LeafModel($"{path}.{inner.Path}", $"{column}_{inner.Column}", elementOffset + inner.Offset, inner.Type));
            }
        }
    }
}
