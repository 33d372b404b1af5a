using Xunit;

namespace Prom.Bus.Tests.Unit;

public sealed class JumpHashTests
{
    /// <summary>
    /// Vectors computed outside .NET by two independent implementations of the documented algorithm (the seed's
    /// TypeScript with BigInt state, run on Node, and a Python port); docs/bus.md lists the same table.
    /// </summary>
    [Theory]
    [InlineData("", 1562387009u, new[] { 0, 1, 1, 6, 6, 46 })]
    [InlineData("a", 1353077721u, new[] { 0, 1, 1, 1, 8, 33 })]
    [InlineData("proc:stt", 3213966400u, new[] { 0, 0, 2, 2, 2, 41 })]
    [InlineData("order-42", 1963986246u, new[] { 0, 1, 1, 5, 5, 81 })]
    [InlineData("héllo", 3602238468u, new[] { 0, 1, 2, 6, 12, 12 })]
    [InlineData("🦆duck", 660521032u, new[] { 0, 1, 1, 7, 7, 63 })]
    [InlineData("user:1000", 156125876u, new[] { 0, 0, 2, 7, 7, 7 })]
    public void MixAndJump_MatchTheCrossLanguageVectors(string key, uint mix, int[] partitions)
    {
        Assert.Equal(mix, JumpHash.Mix(key));
        int[] buckets = [1, 2, 3, 8, 16, 100];
        for (int i = 0; i < buckets.Length; i++)
        {
            Assert.Equal(partitions[i], JumpHash.Partition(key, buckets[i]));
        }
    }

    [Fact]
    public void GrowingTheBucketCount_MovesAKeyOnlyToTheNewBucket()
    {
        for (int k = 0; k < 2000; k++)
        {
            string key = "key-" + k;
            int before = JumpHash.Partition(key, 9);
            int after = JumpHash.Partition(key, 10);
            Assert.True(after == before || after == 9, $"{key} moved from {before} to {after}");
        }
    }

    [Fact]
    public void Partitions_AreRoughlyBalanced()
    {
        var counts = new int[8];
        for (int k = 0; k < 8000; k++)
        {
            counts[JumpHash.Partition("user:" + k, 8)]++;
        }

        Assert.All(counts, c => Assert.InRange(c, 800, 1200));
    }
}
