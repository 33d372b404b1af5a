using System;
using System.Linq;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

public sealed class StructPackTests : IClassFixture<PackFixture>
{
    private readonly PackFixture _fixture;

    public StructPackTests(PackFixture fixture) => _fixture = fixture;

    [Fact]
    public void UInt32_PacksLittleEndianByDefaultAndBigEndianOnRequest()
    {
        Assert.Equal("04030201", Convert.ToHexString(_fixture.Call<byte[]>("PackWord", 0x01020304u, false)));
        Assert.Equal("01020304", Convert.ToHexString(_fixture.Call<byte[]>("PackWord", 0x01020304u, true)));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Write_LeavesPaddingBytesUntouched(bool bigEndian)
    {
        byte[] packed = _fixture.Call<byte[]>("PackHeader", 3, bigEndian, (byte)0xCC);
        StructLayoutInfo layout = _fixture.Layout("Header");
        bool[] covered = new bool[layout.Size];
        foreach (StructLeaf leaf in layout.Leaves)
        {
            for (int i = 0; i < leaf.Size; i++) covered[leaf.Offset + i] = true;
        }
        int[] padding = Enumerable.Range(0, layout.Size).Where(i => !covered[i]).ToArray();
        Assert.Equal(new[] { 1, 2, 3, 13, 14, 15, 32, 33, 34, 35, 36, 37, 38, 39 }, padding);
        Assert.All(padding, i => Assert.Equal(0xCC, packed[i]));
    }

    [Fact]
    public void BigEndian_SwapsEachScalar()
    {
        byte[] little = _fixture.Call<byte[]>("PackHeader", 5, false, (byte)0);
        byte[] big = _fixture.Call<byte[]>("PackHeader", 5, true, (byte)0);
        foreach (StructLeaf leaf in _fixture.Layout("Header").Leaves)
        {
            byte[] reversed = little.AsSpan(leaf.Offset, leaf.Size).ToArray();
            Array.Reverse(reversed);
            Assert.True(reversed.AsSpan().SequenceEqual(big.AsSpan(leaf.Offset, leaf.Size)), $"{leaf.Path} is not byte-swapped");
        }
        Assert.Equal("A1B2C3D9", Convert.ToHexString(big, 4, 4));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Header_RoundTripsInBothByteOrders(bool bigEndian)
    {
        string expected = "7 A1B2C3DB 1.75 True False True 8.75 -8641975230861";
        Assert.Equal(expected, _fixture.Call<string>("RoundTripHeader", 7, bigEndian));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void SpansOfValues_RoundTrip(bool bigEndian)
    {
        Assert.All(_fixture.Call<string[]>("RoundTripTrails", 50, bigEndian), r => Assert.Equal("same", r));
        string[] positions = _fixture.Call<string[]>("RoundTripPositions", 1000, bigEndian);
        Assert.Equal(bigEndian ? "3F800000BF800000" : "0000803F000080BF", positions[0]);
        Assert.Equal("999,-999", positions[1]);
    }

    [Fact]
    public void Bool_WritesOneAndReadsAnyNonZeroByteAsTrue()
    {
        Assert.True(_fixture.Call<bool>("ReadActive", (byte)0x7F));
        Assert.False(_fixture.Call<bool>("ReadActive", (byte)0));
        byte[] packed = _fixture.Call<byte[]>("PackHeader", 2, false, (byte)0xCC);
        Assert.Equal(new byte[] { 1, 0, 0 }, packed.AsSpan(10, 3).ToArray());
    }

    [Fact]
    public void ShortBuffers_AreRejectedWithAMessageNamingTheStruct()
    {
        var write = Assert.Throws<ArgumentException>(() => _fixture.Call<object>("WriteIntoShortBuffer"));
        Assert.Contains("Trail: the buffer has 10 bytes but 68 are needed", write.Message);
        Assert.Equal("destination", write.ParamName);
        var read = Assert.Throws<ArgumentException>(() => _fixture.Call<object>("ReadAllFromShortBuffer"));
        Assert.Contains("100 bytes but 136 are needed", read.Message);
    }

    [Fact]
    public void PythonStructFormat_HasExplicitPaddingAndTheStructSize()
    {
        Assert.Equal("<B3xIe3?3xdq8x", _fixture.Layout("Header").PythonStructFormat());
        Assert.Equal(">16f?3x", _fixture.Layout("Trail").PythonStructFormat(bigEndian: true));
    }
}
