using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using Prom.Bus.Sqlite;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Sqlite;

/// <summary>
/// A competing claim skips the query for redeliverable rows while the store knows none can be due yet (its due hint).
/// These tests take a record back for redelivery in the ways that bypass or undercut that knowledge and check that the
/// very next claim still finds it: another store on the same file (another process), and this store's own release and
/// nack. All times are explicit Unix ms, so nothing here waits on a clock.
/// </summary>
public sealed class SqliteDueHintTests : IDisposable
{
    private const string Topic = "hint.topic";
    private const string Group = "workers";
    private const long Now = 1_000_000;
    private const long Lease = 60_000;

    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-hint-").FullName;

    private string Db => Path.Combine(_dir, "bus.db");

    [Fact]
    public async Task NackThroughAnotherStoreOnTheFile_IsClaimableAtOnce_ByTheStoreThatHintedNothingWasDue()
    {
        await using var store = new SqliteBusStore(Db);
        await using var other = new SqliteBusStore(Db);
        ClaimedRecord first = await LeaseOneAsync(store);

        // The claim above computed the hint "nothing due before Now + Lease": a claim now finds nothing.
        Assert.Empty(await store.ClaimAsync(Claim("m2", Now + 1)));

        // Another connection makes it due now; only PRAGMA data_version tells this store.
        Assert.Equal(SettleOutcome.Released, await other.NackAsync(Ref(first), "failed elsewhere", Now + 1, maxAttempts: 5, now: Now + 1));
        IReadOnlyList<ClaimedRecord> again = await store.ClaimAsync(Claim("m2", Now + 2));
        ClaimedRecord redelivered = Assert.Single(again);
        Assert.Equal(first.Record.Id, redelivered.Record.Id);
        Assert.Equal(2, redelivered.Attempt);
    }

    [Fact]
    public async Task ReleaseAndNackThroughTheSameStore_LowerTheHint_SoTheNextClaimRedelivers()
    {
        await using var store = new SqliteBusStore(Db);
        ClaimedRecord first = await LeaseOneAsync(store);
        Assert.Empty(await store.ClaimAsync(Claim("m2", Now + 1)));

        Assert.True(await store.ReleaseAsync(Ref(first), "m1"));
        ClaimedRecord released = Assert.Single(await store.ClaimAsync(Claim("m2", Now + 2)));
        Assert.Equal(1, released.Attempt); // a release does not count the attempt

        // A nack with a delay: not before it is visible, and at once when it is.
        Assert.Equal(SettleOutcome.Released, await store.NackAsync(Ref(released), "later", Now + 500, maxAttempts: 5, now: Now + 3));
        Assert.Empty(await store.ClaimAsync(Claim("m3", Now + 499)));
        ClaimedRecord nacked = Assert.Single(await store.ClaimAsync(Claim("m3", Now + 500)));
        Assert.Equal(2, nacked.Attempt);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    /// <summary>Creates the topic and group, appends one record and leases it to member m1 at <see cref="Now"/>.</summary>
    private static async Task<ClaimedRecord> LeaseOneAsync(SqliteBusStore store)
    {
        await store.EnsureTopicAsync(new TopicConfig(Topic, 1));
        await store.JoinGroupAsync(Topic, Group, StartPosition.Earliest);
        await store.AppendAsync([new PendingRecord(UuidV7.NewId(Now), Now, Topic, null, 0, new Dictionary<string, string>(), "{}"u8.ToArray(), null, [], [])]);
        return Assert.Single(await store.ClaimAsync(Claim("m1", Now)));
    }

    private static ClaimRequest Claim(string member, long now) => new(Topic, Group, member, null, 10, false, now, now + Lease, 5);

    private static DeliveryRef Ref(ClaimedRecord c) => new(Topic, Group, c.Record.Partition, c.Record.Offset, c.Attempt);
}
