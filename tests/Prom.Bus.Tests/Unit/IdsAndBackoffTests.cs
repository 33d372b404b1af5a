using System;
using System.Linq;
using Xunit;

namespace Prom.Bus.Tests.Unit;

public sealed class IdsAndBackoffTests
{
    [Fact]
    public void UuidV7_IsLowercaseVersion7Variant10_AndStrictlyIncreasing()
    {
        string[] ids = Enumerable.Range(0, 10_000).Select(_ => UuidV7.NewId()).ToArray();
        Assert.Equal(ids.Length, ids.Distinct().Count());
        for (int i = 1; i < ids.Length; i++)
        {
            Assert.True(string.CompareOrdinal(ids[i - 1], ids[i]) < 0, $"{ids[i - 1]} !< {ids[i]}");
        }

        Assert.All(ids, id =>
        {
            Assert.Equal(id.ToLowerInvariant(), id);
            Assert.Equal('7', id[14]);
            Assert.Contains(id[19], "89ab");
        });
    }

    [Fact]
    public void UuidV7_EmbedsItsMillisecond()
    {
        long before = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        long embedded = UuidV7.GetTimestamp(UuidV7.NewId());
        long after = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        // Monotonic ids may borrow a few future milliseconds after a burst, never the past.
        Assert.InRange(embedded, before, after + 50);
    }

    [Fact]
    public void Backoff_IsExponentialCappedAndJitteredDownward()
    {
        var random = new Random(7);
        TimeSpan b = TimeSpan.FromMilliseconds(100), max = TimeSpan.FromSeconds(1);
        Assert.Equal(100, Backoff.Compute(1, b, max, 0, random).TotalMilliseconds);
        Assert.Equal(400, Backoff.Compute(3, b, max, 0, random).TotalMilliseconds);
        Assert.Equal(1000, Backoff.Compute(30, b, max, 0, random).TotalMilliseconds);
        double[] jittered = Enumerable.Range(0, 200).Select(_ => Backoff.Compute(3, b, max, 0.5, random).TotalMilliseconds).ToArray();
        Assert.All(jittered, ms => Assert.InRange(ms, 200, 400));
        Assert.True(jittered.Distinct().Count() > 100, "jitter should spread the delays");
    }

    [Fact]
    public void Rendezvous_JoinMovesOnlyPartitionsTheNewMemberWins()
    {
        string[] two = ["m-a", "m-b"];
        string[] three = ["m-a", "m-b", "m-c"];
        for (int p = 0; p < 64; p++)
        {
            string before = RendezvousHash.Owner(two, p)!;
            string after = RendezvousHash.Owner(three, p)!;
            Assert.True(after == before || after == "m-c");
        }
    }
}
