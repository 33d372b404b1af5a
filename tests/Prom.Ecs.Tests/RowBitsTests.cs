using System;
using Xunit;

namespace Prom.Ecs.Tests;

public class RowBitsTests
{
    [Theory]
    [InlineData(0, 1)]
    [InlineData(0, 64)]
    [InlineData(0, 4096)]
    [InlineData(63, 2)]
    [InlineData(5, 200)]
    [InlineData(64, 64)]
    [InlineData(70, 0)]
    [InlineData(4095, 1)]
    [InlineData(1, 4094)]
    public unsafe void SetRange_SetsExactlyTheRange_AndKeepsOtherBits(int start, int count)
    {
        const int Words = 66; // one guard word before and after 64 words of rows
        var random = new Random(start * 31 + count);
        ulong[] actual = new ulong[Words];
        for (int w = 0; w < Words; w++)
        {
            actual[w] = ((ulong)random.NextInt64() << 1) ^ (ulong)random.Next();
        }

        ulong[] expected = (ulong[])actual.Clone();
        for (int row = start; row < start + count; row++)
        {
            expected[1 + (row >> 6)] |= 1UL << row;
        }

        fixed (ulong* bits = actual)
        {
            RowBits.SetRange(bits, 1, start, count);
        }

        Assert.Equal(expected, actual);
    }

    [Fact]
    public unsafe void ClearFirst_ClearsTheWordsOfTheRows_AndNothingAfter()
    {
        ulong[] words = { ulong.MaxValue, ulong.MaxValue, ulong.MaxValue, ulong.MaxValue };
        fixed (ulong* bits = words)
        {
            RowBits.ClearFirst(bits, 1, 65);
        }

        Assert.Equal(new[] { ulong.MaxValue, 0UL, 0UL, ulong.MaxValue }, words);
    }
}
