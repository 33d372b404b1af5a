using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

public sealed class StructLayoutTests : IClassFixture<LayoutFixture>
{
    private readonly LayoutFixture _fixture;

    public StructLayoutTests(LayoutFixture fixture) => _fixture = fixture;

    public static IEnumerable<object[]> Cases => LayoutCase.All.Select(c => new object[] { c.TypeName });

    private static LayoutCase Case(string name) => LayoutCase.All.Single(c => c.TypeName == name);

    [Theory]
    [MemberData(nameof(Cases))]
    public void Layout_HasTheCNaturalSizeAlignmentAndOffsets(string typeName)
    {
        LayoutCase expected = Case(typeName);
        StructLayoutInfo layout = _fixture.Layout(typeName);

        Assert.Equal(expected.Size, layout.Size);
        Assert.Equal(expected.Alignment, layout.Alignment);
        Assert.Equal(
            expected.Leaves.Select(l => $"{l.Path}@{l.Offset}"),
            layout.Leaves.Select(l => $"{l.Path}@{l.Offset}"));
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void RealMemoryLayout_EqualsTheComputedOne(string typeName)
    {
        LayoutCase expected = Case(typeName);
        Assert.Equal(expected.Size, _fixture.Assembly.Invoke<int>("Layouts.Probe", "SizeOf_" + typeName));

        // Each leaf was set to (index + 1) through its generated property; its bytes must sit at the computed offset.
        byte[] memory = _fixture.Assembly.Invoke<byte[]>("Layouts.Probe", "Memory_" + typeName);
        StructLayoutInfo layout = _fixture.Layout(typeName);
        for (int i = 0; i < layout.Leaves.Count; i++)
        {
            StructLeaf leaf = layout.Leaves[i];
            byte[] want = Encode(leaf.Kind, i + 1);
            Assert.True(want.AsSpan().SequenceEqual(memory.AsSpan(leaf.Offset, leaf.Size)),
                $"{typeName}.{leaf.Path}: memory at offset {leaf.Offset} is {Convert.ToHexString(memory, leaf.Offset, leaf.Size)}, expected {Convert.ToHexString(want)}");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Read_PlacesEveryLeafWhereItsPropertyFindsIt(string typeName)
    {
        StructLayoutInfo layout = _fixture.Layout(typeName);
        byte[] packed = new byte[layout.Size];
        for (int i = 0; i < layout.Leaves.Count; i++)
        {
            Encode(layout.Leaves[i].Kind, i + 1).CopyTo(packed, layout.Leaves[i].Offset);
        }
        double[] values = _fixture.Assembly.Invoke<double[]>("Layouts.Probe", "ReadBack_" + typeName, packed);
        double[] expected = layout.Leaves.Select((l, i) => l.Kind == ScalarKind.Bool ? 1.0 : i + 1).ToArray();
        Assert.Equal(expected, values);
    }

    [Fact]
    public void EmptyStruct_HasSizeZeroAndAlignmentOne()
    {
        var run = StructTestSource.Compile("namespace E; [Struct] public partial struct Empty { }").AssertClean();
        using var assembly = run.Load();
        StructLayoutInfo layout = assembly.StaticProperty<StructLayoutInfo>("E.Empty", "Layout");
        Assert.Equal((0, 1, 0), (layout.Size, layout.Alignment, layout.Leaves.Count));
    }

    [Fact]
    public void Columns_FlattenPathsWithUnderscores()
    {
        StructLayoutInfo trail = _fixture.Layout("Trail");
        Assert.Equal("pts[3].y", trail.Leaves[7].Path);
        Assert.Equal("pts_3_y", trail.Leaves[7].Column);
        Assert.Equal("active", trail.Leaves[^1].Column);
        Assert.Equal("pos_x", _fixture.Layout("Transform").Leaves[0].Column);
    }

    /// <summary>The little-endian bytes of <paramref name="value"/> as the given scalar (bool: 1).</summary>
    internal static byte[] Encode(ScalarKind kind, int value)
    {
        byte[] bytes = new byte[Size(kind)];
        switch (kind)
        {
            case ScalarKind.Float32: BinaryPrimitives.WriteSingleLittleEndian(bytes, value); break;
            case ScalarKind.Float64: BinaryPrimitives.WriteDoubleLittleEndian(bytes, value); break;
            case ScalarKind.Float16: BinaryPrimitives.WriteHalfLittleEndian(bytes, (Half)value); break;
            case ScalarKind.Bool: bytes[0] = 1; break;
            case ScalarKind.Int8 or ScalarKind.UInt8: bytes[0] = (byte)value; break;
            case ScalarKind.Int16 or ScalarKind.UInt16: BinaryPrimitives.WriteUInt16LittleEndian(bytes, (ushort)value); break;
            case ScalarKind.Int32 or ScalarKind.UInt32: BinaryPrimitives.WriteUInt32LittleEndian(bytes, (uint)value); break;
            default: BinaryPrimitives.WriteUInt64LittleEndian(bytes, (ulong)value); break;
        }
        return bytes;
    }

    private static int Size(ScalarKind kind) => kind switch
    {
        ScalarKind.Int8 or ScalarKind.UInt8 or ScalarKind.Bool => 1,
        ScalarKind.Int16 or ScalarKind.UInt16 or ScalarKind.Float16 => 2,
        ScalarKind.Int32 or ScalarKind.UInt32 or ScalarKind.Float32 => 4,
        _ => 8,
    };
}
