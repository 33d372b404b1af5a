using System;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics.X86;
using Prom.Bridge.Arrays;
using Xunit;

namespace Prom.Bridge.Tests.Arrays;

/// <summary>The streaming copy and clear give exactly the bytes of the ordinary ones, at every alignment and tail.</summary>
public sealed unsafe class BulkCopyTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(1, 0)]
    [InlineData(63, 1)]
    [InlineData(64, 0)]
    [InlineData(255, 7)]
    [InlineData(256, 63)]
    [InlineData(4097, 13)]
    [InlineData(1_000_003, 32)]
    public void StreamingCopy_EqualsTheOrdinaryCopy(int length, int misalignment)
    {
        Assert.True(Avx.IsSupported || Avx512F.IsSupported, "this machine has no streaming path to test");
        byte[] source = new byte[length];
        new Random(length).NextBytes(source);
        byte* block = (byte*)NativeMemory.AlignedAlloc((nuint)(length + 256), 64);
        try
        {
            var around = new Span<byte>(block, length + 256);
            around.Fill(0xAB);
            fixed (byte* s = source)
            {
                BulkCopy.CopyStreaming(s, block + misalignment, length);
            }

            Assert.True(source.AsSpan().SequenceEqual(around.Slice(misalignment, length)), "copied bytes differ");
            Assert.True(around[..misalignment].IndexOfAnyExcept((byte)0xAB) < 0, "a byte before the target was written");
            Assert.True(around[(misalignment + length)..].IndexOfAnyExcept((byte)0xAB) < 0, "a byte after the target was written");
        }
        finally
        {
            NativeMemory.AlignedFree(block);
        }
    }

    [Theory]
    [InlineData(2, 1, 0)]
    [InlineData(3, 1, 5)]
    [InlineData(5, 0, 63)]
    [InlineData(33, 1, 17)]
    [InlineData(7, 3, 1)]
    [InlineData(1000, 1, 9)]
    public void StreamingCopyInBlocks_CopiesEveryByteOnce_AndNothingAround(int blocks, int helpers, int misalignment)
    {
        int length = (1 << 20) + 1234;
        byte[] source = new byte[length];
        new Random(blocks).NextBytes(source);
        byte* block = (byte*)NativeMemory.AlignedAlloc((nuint)(length + 256), 64);
        try
        {
            new Span<byte>(block, length + 256).Fill(0xCD);
            fixed (byte* s = source)
            {
                BulkCopy.CopyStreamingInBlocks(s, block + 64 + misalignment, length, blocks, helpers);
            }

            Assert.True(source.AsSpan().SequenceEqual(new Span<byte>(block + 64 + misalignment, length)));
            Assert.Equal(0xCD, block[63 + misalignment]);
            Assert.Equal(0xCD, block[64 + misalignment + length]);
        }
        finally
        {
            NativeMemory.AlignedFree(block);
        }
    }

    [Fact]
    public void LargeCopyAndClear_TakeTheStreamingPath_AndStayExact()
    {
        int length = (int)BulkCopy.StreamingBytes + 77;
        byte[] source = new byte[length];
        new Random(5).NextBytes(source);
        byte* block = (byte*)NativeMemory.AlignedAlloc((nuint)(length + 128), 64);
        try
        {
            var target = new Span<byte>(block + 3, length);
            BulkCopy.Copy(source, block + 3);
            Assert.True(source.AsSpan().SequenceEqual(target));

            new Span<byte>(block, length + 128).Fill(0xCD);
            BulkCopy.Clear(block + 5, length);
            Assert.True(new Span<byte>(block + 5, length).IndexOfAnyExcept((byte)0) < 0, "a byte was not cleared");
            Assert.Equal(0xCD, block[4]);
            Assert.Equal(0xCD, block[5 + length]);
        }
        finally
        {
            NativeMemory.AlignedFree(block);
        }
    }
}
