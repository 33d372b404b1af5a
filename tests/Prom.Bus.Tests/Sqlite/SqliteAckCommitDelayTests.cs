using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Text;
using System.Threading.Tasks;
using Microsoft.Data.Sqlite;
using Prom.Bus.Sqlite;
using Prom.Bus.Stores;
using Xunit;

namespace Prom.Bus.Tests.Sqlite;

/// <summary>
/// <see cref="SqliteBusStoreOptions.AckCommitDelay"/>: acks confirmed once applied, committed with the store's next other
/// write, after the delay, or at disposal. What another connection on the file sees is read with a plain read-only
/// connection (it sees committed state only).
/// </summary>
public sealed class SqliteAckCommitDelayTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-ackdelay-").FullName;

    [Fact]
    public async Task AppliedAcks_AreSeenByThisStoreAtOnce_AndCommittedWithItsNextWrite()
    {
        string db = Path.Combine(_dir, "next-write.db");
        await using var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = db, AckCommitDelay = SqliteBusStore.MaxAckCommitDelay });
        await AckThreeAsync(store);
        var clock = Stopwatch.StartNew();

        Assert.Equal(3, (await store.GetGroupStateAsync(Topic, Group)).Sum(s => s.Watermark));
        long committed = CommittedWatermarks(db);
        bool withinDelay = clock.Elapsed < SqliteBusStore.MaxAckCommitDelay; // else the timer may have committed them already
        Assert.True(!withinDelay || committed == 0, $"another connection saw watermarks {committed} before the commit");

        await store.AppendAsync([Record(4)]); // a log write commits the pending acks with it
        Assert.Equal(3, CommittedWatermarks(db));
    }

    [Fact]
    public async Task PendingAcks_AreCommittedByTheTimer_WithoutAnyOtherWrite()
    {
        string db = Path.Combine(_dir, "timer.db");
        await using var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = db, AckCommitDelay = TimeSpan.FromMilliseconds(50) });
        await AckThreeAsync(store);

        var clock = Stopwatch.StartNew();
        while (CommittedWatermarks(db) < 3 && clock.Elapsed < TimeSpan.FromSeconds(10))
        {
            await Task.Delay(20);
        }

        Assert.Equal(3, CommittedWatermarks(db));
    }

    [Fact]
    public async Task Dispose_CommitsPendingAcks()
    {
        string db = Path.Combine(_dir, "dispose.db");
        var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = db, AckCommitDelay = SqliteBusStore.MaxAckCommitDelay });
        await AckThreeAsync(store);
        var clock = Stopwatch.StartNew();
        long before = CommittedWatermarks(db);
        await store.DisposeAsync();

        Assert.True(clock.Elapsed >= SqliteBusStore.MaxAckCommitDelay || before == 0, "the acks were committed before the store was disposed");
        Assert.Equal(3, CommittedWatermarks(db));
        await using var reopened = new SqliteBusStore(db);
        Assert.Equal(3, (await reopened.GetGroupStateAsync(Topic, Group)).Sum(s => s.Watermark));
    }

    [Fact]
    public async Task AReadOnlyCall_AndAClaim_RunInsideThePendingTransaction_AndSeeTheAcks()
    {
        string db = Path.Combine(_dir, "inside.db");
        await using var store = new SqliteBusStore(new SqliteBusStoreOptions { Path = db, AckCommitDelay = SqliteBusStore.MaxAckCommitDelay });
        await AckThreeAsync(store);

        Assert.Equal(3, (await store.ReadAsync(Topic, 0, 1, 10)).Count); // a read while the acks wait: no nested BEGIN
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.Empty(await store.ClaimAsync(new ClaimRequest(Topic, Group, "m2", null, 10, false, now, now + 60_000, 5))); // nothing to redeliver
        Assert.Equal(3, CommittedWatermarks(db)); // the claim, a delivery-state write that is not an ack round, committed them
    }

    [Fact]
    public void AckCommitDelay_OutOfRange_OrWithFsyncedDeliveryState_IsRejectedWithTheReason()
    {
        string db = Path.Combine(_dir, "bad.db");
        var negative = Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteBusStore(new SqliteBusStoreOptions { Path = db, AckCommitDelay = TimeSpan.FromMilliseconds(-1) }));
        Assert.Contains("AckCommitDelay must be between 0 and 1 s", negative.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => new SqliteBusStore(new SqliteBusStoreOptions { Path = db, AckCommitDelay = TimeSpan.FromSeconds(2) }));
        var full = Assert.Throws<ArgumentException>(() => new SqliteBusStore(new SqliteBusStoreOptions
        {
            Path = db,
            AckCommitDelay = TimeSpan.FromMilliseconds(5),
            DeliveryStateDurability = SqliteDurability.Full,
        }));
        Assert.Contains("needs DeliveryStateDurability Normal", full.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(db)); // rejected before the file is created
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private const string Topic = "jobs";
    private const string Group = "g";

    /// <summary>One partition, three records, claimed by one member and acked concurrently (one round), through the store alone.</summary>
    private static async Task AckThreeAsync(SqliteBusStore store)
    {
        await store.EnsureTopicAsync(new TopicConfig(Topic, 1));
        await store.JoinGroupAsync(Topic, Group, StartPosition.Earliest);
        await store.AppendAsync([Record(1), Record(2), Record(3)]);
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        IReadOnlyList<ClaimedRecord> claimed = await store.ClaimAsync(new ClaimRequest(Topic, Group, "m1", null, 10, false, now, now + 60_000, 5));
        Assert.Equal(3, claimed.Count);
        SettleOutcome[] outcomes = await Task.WhenAll(claimed.Select(c =>
            store.AckAsync(new DeliveryRef(Topic, Group, c.Record.Partition, c.Record.Offset, c.Attempt)).AsTask()));
        Assert.All(outcomes, o => Assert.Equal(SettleOutcome.Settled, o));
    }

    private static PendingRecord Record(int n) =>
        new(UuidV7.NewId(), DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(), Topic, null, 0, new Dictionary<string, string>(), Encoding.UTF8.GetBytes(n.ToString(CultureInfo.InvariantCulture)), null, [], []);

    /// <summary>The group's watermarks summed, as committed to the file (a separate read-only connection).</summary>
    private static long CommittedWatermarks(string db)
    {
        using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        using SqliteCommand command = connection.CreateCommand();
        command.CommandText = "SELECT COALESCE(SUM(watermark), 0) FROM bus_cursors WHERE topic='jobs' AND grp='g'";
        return (long)command.ExecuteScalar()!;
    }
}
