using System.Collections.Generic;
using Prom.CodeModel.Structs;

namespace Prom.SourceGenerators.Structs;

/// <summary>One operation of a pack or unpack: the emitter turns each into a statement or a loop.</summary>
internal abstract record PackStep
{
    /// <summary>Copy <paramref name="Length"/> bytes at <paramref name="Offset"/> as they are.</summary>
    public sealed record Copy(int Offset, int Length) : PackStep;

    /// <summary><paramref name="Count"/> bools from <paramref name="Offset"/>: written as 0/1, any non-zero reads as true.</summary>
    public sealed record Bools(int Offset, int Count) : PackStep;

    /// <summary><paramref name="Count"/> scalars of <paramref name="Size"/> bytes, byte order reversed through <paramref name="SwapType"/>.</summary>
    public sealed record Swap(int Offset, int Count, int Size, string SwapType) : PackStep;

    /// <summary><paramref name="Count"/> nested [Struct]s packed by their own generated code.</summary>
    public sealed record Nested(int Offset, int Count, int Stride, string TypeName) : PackStep;
}

/// <summary>
/// Plans pack/unpack as a list of steps, for native byte order (plain members merged into block copies; padding
/// gaps are never written) and for swapped byte order (every multi-byte scalar reversed).
/// </summary>
internal static class PackPlan
{
    public static List<PackStep> Native(StructModel model)
    {
        var steps = new List<PackStep>();
        int runStart = -1;
        int runEnd = -1;
        void Flush()
        {
            if (runStart >= 0) steps.Add(new PackStep.Copy(runStart, runEnd - runStart));
            runStart = -1;
        }

        foreach (StructMemberModel member in model.Members)
        {
            if (member.Element.IsPlain)
            {
                if (runStart >= 0 && runEnd != member.Offset) Flush(); // a padding gap ends the run
                if (runStart < 0) runStart = member.Offset;
                runEnd = member.Offset + member.Size;
                continue;
            }
            Flush();
            steps.Add(member.Element.Scalar is ScalarKind.Bool
                ? new PackStep.Bools(member.Offset, member.Count)
                : new PackStep.Nested(member.Offset, member.Count, member.Element.Size, member.Element.TypeName));
        }
        Flush();
        return steps;
    }

    public static List<PackStep> Swapped(StructModel model)
    {
        var steps = new List<PackStep>();
        foreach (StructMemberModel member in model.Members)
        {
            if (member.Element.Scalar is not { } scalar)
            {
                steps.Add(new PackStep.Nested(member.Offset, member.Count, member.Element.Size, member.Element.TypeName));
                continue;
            }
            ScalarTypeInfo info = ScalarTypeInfo.Of(scalar);
            steps.Add(scalar == ScalarKind.Bool ? new PackStep.Bools(member.Offset, member.Count)
                : info.SwapType is null ? new PackStep.Copy(member.Offset, member.Size)
                : new PackStep.Swap(member.Offset, member.Count, info.Size, info.SwapType));
        }
        return steps;
    }
}
