using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Postgres;
using Prom.Bus.Stores;
using Prom.Testing.Postgres;
using Xunit;

namespace Prom.Bus.Tests.Postgres;

/// <summary>
/// The competing claim of the PostgreSQL store: which partitions it locks, when it waits for other members' locks, and
/// the shape of its plans (docs/benchmarks.md, session 14). Times are explicit <c>Now</c> values, not the wall clock.
/// </summary>
public sealed class PostgresClaimTests : IAsyncLifetime
{
    private const string Topic = "claims";
    private const string Group = "g";
    private const long Now = 1_000_000;
    private readonly string _schema = PostgresTestDatabase.NewSchema();
    private PostgresBusStore _store = null!;

    public async Task InitializeAsync() =>
        _store = await PostgresBusStore.OpenAsync(new PostgresBusStoreOptions
        {
            ConnectionString = PostgresTestDatabase.ConnectionString,
            Schema = _schema,
            MaxPoolSize = 10,
            Listen = false,
        });

    public async Task DisposeAsync()
    {
        await _store.DisposeAsync();
        await PostgresTestDatabase.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task CompetingClaim_LocksOnlyThePartitionsItsRecordsNeed_SoTheNextMemberTakesAnotherPartition()
    {
        await SetUpAsync(partitions: 8, recordsPerPartition: 10);

        // 80 fresh records over 8 partitions: 10 records need one partition's run.
        IReadOnlyList<ClaimedRecord> first = await ClaimAsync("m1", max: 10, now: Now);
        IReadOnlyList<ClaimedRecord> second = await ClaimAsync("m2", max: 10, now: Now);

        Assert.Equal(10, first.Count);
        Assert.Single(first.Select(c => c.Record.Partition).Distinct());
        Assert.Equal(10, second.Count);
        Assert.Single(second.Select(c => c.Record.Partition).Distinct());
        Assert.NotEqual(first[0].Record.Partition, second[0].Record.Partition);
        Assert.Equal(Enumerable.Range(1, 10).Select(o => (long)o), first.Select(c => c.Record.Offset));
    }

    [Fact]
    public async Task ClaimThatLeasedFreshRecords_DoesNotWaitForACursorAnotherMemberHolds_AndTheDueRedeliveryIsClaimedLater()
    {
        await SetUpAsync(partitions: 2, recordsPerPartition: 0);
        await _store.AppendAsync([Pending(0)]);
        IReadOnlyList<ClaimedRecord> leased = await ClaimAsync("m1", max: 1, now: Now, leaseUntil: Now + 10);
        Assert.Equal(0, Assert.Single(leased).Record.Partition);
        await _store.AppendAsync([Pending(1), Pending(1)]);

        // Partition 0's record is due again (its lease ran out) while another session holds partition 0's cursor.
        long later = Now + 1_000;
        await using var holder = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await holder.OpenAsync();
        await using NpgsqlTransaction hold = await holder.BeginTransactionAsync();
        await using (var lockCursor = new NpgsqlCommand($"SELECT 1 FROM {_schema}.cursors WHERE topic='{Topic}' AND grp='{Group}' AND part=0 FOR UPDATE", holder, hold))
        {
            await lockCursor.ExecuteNonQueryAsync();
        }

        // The claim returns the fresh records of partition 1 without waiting for the held cursor (bounded wait: a
        // claim that waited would only return after the holder's rollback below).
        IReadOnlyList<ClaimedRecord> fresh = await ClaimAsync("m2", max: 10, now: later).AsTask().WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(new[] { (1, 1L), (1, 2L) }, fresh.Select(c => (c.Record.Partition, c.Record.Offset)));

        await hold.RollbackAsync();
        IReadOnlyList<ClaimedRecord> due = await ClaimAsync("m2", max: 10, now: later);
        ClaimedRecord again = Assert.Single(due);
        Assert.Equal((0, 1L, 2), (again.Record.Partition, again.Record.Offset, again.Attempt));
    }

    [Fact]
    public async Task GenericPlansOfTheHotStatements_KeyEveryDeliveryRowLookup_OnTablesThatLookEmpty()
    {
        // A fresh schema: every table empty and never analyzed, the statistics under which the generic plans of the
        // benchmark's run went wrong. Each lookup of `deliveries` must use the partition (and, where the statement has
        // one, the offset) in its index condition instead of filtering the rows of a wider key prefix.
        await SetUpAsync(partitions: 2, recordsPerPartition: 0);
        var sql = new PostgresSql(_schema);
        await using var conn = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await conn.OpenAsync();
        await ExecAsync(conn, "SET plan_cache_mode = force_generic_plan; SET enable_seqscan = off");
        var statements = new (string Name, string Sql, string Types, string Args)[]
        {
            ("fast claim", sql.ClaimFreshFast, "text, text, int[], bigint, int, int, int, text, bigint", $"'{Topic}', '{Group}', '{{0,1}}', 1, 10, 0, 2, 'm', 2"),
            ("claim probe", sql.ClaimProbe, "text, text, int[], bigint", $"'{Topic}', '{Group}', '{{0,1}}', 1"),
            ("ack settle", sql.AckSettle, "text, text, int[], int[], bigint[]", $"'{Topic}', '{Group}', '{{0,1}}', '{{0,0,1}}', '{{1,2,1}}'"),
            ("ack advance", sql.AckAdvance, "text, text, int[], int[], bigint[]", $"'{Topic}', '{Group}', '{{0,1}}', '{{0,0,1}}', '{{1,2,1}}'"),
        };

        foreach ((string name, string text, string types, string args) in statements)
        {
            await ExecAsync(conn, $"PREPARE hot({types}) AS {text}");
            await using var explain = new NpgsqlCommand($"EXPLAIN (FORMAT TEXT) EXECUTE hot({args})", conn);
            var plan = new List<string>();
            await using (NpgsqlDataReader r = await explain.ExecuteReaderAsync())
            {
                while (await r.ReadAsync())
                {
                    plan.Add(r.GetString(0));
                }
            }

            await ExecAsync(conn, "DEALLOCATE hot");
            for (int i = 0; i < plan.Count; i++)
            {
                // A TID scan (rows found by their key in a subquery, then updated or deleted by ctid) reads only those rows.
                if (plan[i].Contains(" on deliveries", StringComparison.Ordinal) && plan[i].Contains("Scan", StringComparison.Ordinal) && !plan[i].Contains("Tid Scan", StringComparison.Ordinal))
                {
                    string cond = i + 1 < plan.Count ? plan[i + 1].Trim() : "";
                    Assert.True(cond.StartsWith("Index Cond:", StringComparison.Ordinal) && cond.Contains("part =", StringComparison.Ordinal) && cond.Contains("offs", StringComparison.Ordinal),
                        $"{name}: the delivery lookup `{plan[i].Trim()}` has index condition `{cond}`, without the partition and offset; plan:\n{string.Join('\n', plan)}");
                }
            }
        }
    }

    private async Task SetUpAsync(int partitions, int recordsPerPartition)
    {
        await _store.EnsureTopicAsync(new TopicConfig(Topic, partitions));
        await _store.JoinGroupAsync(Topic, Group, StartPosition.Earliest);
        var records = new List<PendingRecord>();
        for (int p = 0; p < partitions; p++)
        {
            for (int i = 0; i < recordsPerPartition; i++)
            {
                records.Add(Pending(p));
            }
        }

        if (records.Count > 0)
        {
            await _store.AppendAsync(records);
        }
    }

    private ValueTask<IReadOnlyList<ClaimedRecord>> ClaimAsync(string member, int max, long now, long? leaseUntil = null) =>
        _store.ClaimAsync(new ClaimRequest(Topic, Group, member, null, max, Ordered: false, now, leaseUntil ?? now + 60_000, MaxAttempts: 5));

    private static PendingRecord Pending(int partition) =>
        new(Guid.CreateVersion7().ToString(), 1, Topic, null, partition, new Dictionary<string, string>(), new byte[] { 1 }, null, [], []);

    private static async Task ExecAsync(NpgsqlConnection conn, string sql)
    {
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }
}
