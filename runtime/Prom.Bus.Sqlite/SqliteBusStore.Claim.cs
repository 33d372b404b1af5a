using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>The claim statements: lease deliverable records of one partition (see <see cref="SqliteSchema"/> for the invariant on <c>claimed</c>).</summary>
public sealed partial class SqliteBusStore
{
    private const string CandidateColumns = RecordColumns + ", d.attempts, d.lease_until, d.visible_at, d.last_error, d.owner";

    /// <summary>
    /// The most rows one claim query returns. A literal in the SQL, never a bound <c>LIMIT @l</c>: SQLite's planner looks
    /// at a bound LIMIT, so rebinding it expires the prepared statement and every claim parsed and planned both
    /// queries again (about 8 % of the gateway's CPU). A claim that wants fewer rows stops reading early; one that
    /// wants more runs the query again.
    /// </summary>
    private const int CandidatePage = 256;

    /// <summary>Redeliverable records: a delivery row that is unsettled, not leased (or expired) and visible.</summary>
    private static readonly string ClaimDueSql =
        $"SELECT {CandidateColumns} FROM bus_deliveries d JOIN bus_events e ON e.topic=d.topic AND e.part=d.part AND e.offs=d.offs " +
        "WHERE d.topic=@t AND d.grp=@g AND d.part=@p AND d.settled=0 AND d.lease_until<=@n AND d.visible_at<=@n AND d.offs>@w " +
        $"ORDER BY d.offs LIMIT {CandidatePage}";

    /// <summary>Fresh records: above everything the group ever leased, so they have no delivery row.</summary>
    private static readonly string ClaimFreshSql =
        $"SELECT {RecordColumns}, NULL, NULL, NULL, NULL, NULL FROM bus_events e WHERE e.topic=@t AND e.part=@p AND e.offs>@c ORDER BY e.offs LIMIT {CandidatePage}";

    /// <summary>Ordered mode: the lowest unsettled records in offset order, leased or not (the head-of-line walk).</summary>
    private static readonly string ClaimHeadSql =
        $"SELECT {CandidateColumns} FROM bus_events e LEFT JOIN bus_deliveries d ON d.topic=e.topic AND d.grp=@g AND d.part=e.part AND d.offs=e.offs " +
        $"WHERE e.topic=@t AND e.part=@p AND e.offs>@w AND (d.offs IS NULL OR d.settled=0) ORDER BY e.offs LIMIT {CandidatePage}";


    private const string LeaseSql =
        "INSERT INTO bus_deliveries(topic, grp, part, offs, attempts, owner, lease_until, visible_at, settled, last_error) " +
        "VALUES(@t, @g, @p, @o, 1, @m, @u, 0, 0, NULL) " +
        "ON CONFLICT(topic, grp, part, offs) DO UPDATE SET attempts=attempts+1, owner=@m, lease_until=@u, visible_at=0";

    /// <summary>Leases a run of fresh records in one statement: every existing record in [@lo, @hi] is one of them.</summary>
    private const string LeaseFreshRangeSql =
        "INSERT INTO bus_deliveries(topic, grp, part, offs, attempts, owner, lease_until, visible_at, settled, last_error) " +
        "SELECT e.topic, @g, e.part, e.offs, 1, @m, @u, 0, 0, NULL FROM bus_events e WHERE e.topic=@t AND e.part=@p AND e.offs>=@lo AND e.offs<=@hi";

    /// <summary>Earliest possible due time of a redelivery: <c>MAX(lease_until, visible_at)</c> of the unsettled rows above the watermark.</summary>
    private const string EarliestDueSql =
        "SELECT MIN(MAX(d.lease_until, d.visible_at)) FROM bus_deliveries d WHERE d.topic=@t AND d.grp=@g AND d.part=@p AND d.settled=0 AND d.offs>@w";

    /// <summary>
    /// Due hints per (topic, group, partition): no unsettled delivery row above the watermark becomes redeliverable
    /// (lease expired and visible) before this Unix ms, so a competing claim before then skips <see cref="ClaimDueSql"/>.
    /// That query walks every open delivery row of the partition (the group's whole in-flight window) and, with leases
    /// of seconds, finds nothing nearly every time. A hint is only ever a lower bound: it is computed by
    /// <see cref="EarliestDueSql"/> right after a due query, lowered by every write of this connection that makes a row
    /// due earlier (a lease, a nack, a release), and dropped after any rollback (<see cref="ForgetAfterRollback"/>) and
    /// whenever another connection or process committed to the file (<c>PRAGMA data_version</c> changed), since its
    /// writes bypass the lowering. Absent means unknown: query. Used only under the gate.
    /// </summary>
    private readonly Dictionary<(string Topic, string Group, int Partition), long> _notDueBefore = [];

    /// <summary><c>PRAGMA data_version</c> when the hints were last known valid (-1: never read).</summary>
    private long _dataVersion = -1;

    /// <summary>Drops the due hints when another connection committed since the last look (call inside the transaction).</summary>
    private void ForgetDueHintsIfOthersWroteTx()
    {
        long version = (long)_db.Scalar("PRAGMA data_version;")!;
        if (version != _dataVersion)
        {
            _notDueBefore.Clear();
            _dataVersion = version;
        }
    }

    /// <summary>A write of this connection made a delivery row of the partition due at <paramref name="dueAt"/>: keep the hint a lower bound.</summary>
    private void LowerDueHint(string topic, string group, int partition, long dueAt)
    {
        if (_notDueBefore.TryGetValue((topic, group, partition), out long hint) && dueAt < hint)
        {
            _notDueBefore[(topic, group, partition)] = dueAt;
        }
    }

    private void ClaimPartitionTx(ClaimRequest req, int partition, long watermark, long claimedMax, long head, List<ClaimedRecord> claimed)
    {
        long leasedMax = req.Ordered
            ? LeaseOrderedTx(req, partition, watermark, claimedMax, claimed)
            : LeaseCompetingTx(req, partition, watermark, claimedMax, head, claimed);
        if (leasedMax > claimedMax)
        {
            // Keep the invariant: nothing above `claimed` has a delivery row.
            _db.Execute("UPDATE bus_cursors SET claimed=@c WHERE topic=@t AND grp=@g AND part=@p",
                ("@c", leasedMax), ("@t", req.Topic), ("@g", req.Group), ("@p", partition));
        }
    }

    /// <summary>
    /// Competing mode: due redeliveries first, then fresh records, in offset order; returns the highest offset leased
    /// (or <paramref name="claimedMax"/>). Fresh records are leased with one range INSERT instead of one per record.
    /// The due query runs only when the partition's due hint allows a due row (<see cref="_notDueBefore"/>), and the
    /// fresh query only when the partition's <paramref name="head"/> is above everything leased.
    /// </summary>
    private long LeaseCompetingTx(ClaimRequest req, int partition, long watermark, long claimedMax, long head, List<ClaimedRecord> claimed)
    {
        (string, string, int) key = (req.Topic, req.Group, partition);
        bool dueQueried = !(_notDueBefore.TryGetValue(key, out long notDueBefore) && req.Now < notDueBefore);
        long leasedMax = LeaseCompetingRowsTx(req, partition, watermark, claimedMax, head, dueQueried, claimed);
        if (dueQueried)
        {
            // After the due query and this claim's leases: the earliest time a row of the partition can be due again
            // (a dead letter may have advanced the watermark meanwhile; that deleted the rows below it).
            _notDueBefore[key] = _db.Scalar(EarliestDueSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@w", watermark)) is long due
                ? due
                : long.MaxValue; // no open row: only a later lease (which lowers the hint) can make one
        }

        return leasedMax;
    }

    private long LeaseCompetingRowsTx(ClaimRequest req, int partition, long watermark, long claimedMax, long head, bool queryDue, List<ClaimedRecord> claimed)
    {
        long leasedMax = claimedMax;
        while (claimed.Count < req.Max)
        {
            List<Candidate> rows = ReadCompetingCandidatesTx(req, partition, watermark, Math.Max(watermark, leasedMax), head, queryDue, req.Max - claimed.Count);
            if (rows.Count == 0)
            {
                return leasedMax;
            }

            bool deadLettered = false;
            long freshLo = 0, freshHi = 0;
            foreach (Candidate c in rows)
            {
                if (c.Fresh)
                {
                    freshLo = freshLo == 0 ? c.Record.Offset : freshLo;
                    freshHi = c.Record.Offset;
                    leasedMax = Math.Max(leasedMax, c.Record.Offset);
                    claimed.Add(new ClaimedRecord(c.Record, 1, req.LeaseUntil));
                    continue;
                }

                if (c.Attempts >= req.MaxAttempts)
                {
                    // The last allowed attempt's lease expired without an ack: dead-letter instead of redelivering.
                    DeadLetterTx(req.Topic, c.Record, req.Group, partition, c.Record.Offset,
                        ClaimRules.ExpiredReason(c.LastError, c.Attempts), (int)c.Attempts, req.Now);
                    deadLettered = true;
                    continue;
                }

                LeaseOneTx(req, partition, c, claimed);
            }

            if (freshLo != 0)
            {
                _db.Execute(LeaseFreshRangeSql, ("@g", req.Group), ("@m", req.Member), ("@u", req.LeaseUntil),
                    ("@t", req.Topic), ("@p", partition), ("@lo", freshLo), ("@hi", freshHi));
                LowerDueHint(req.Topic, req.Group, partition, req.LeaseUntil);
            }

            if (!deadLettered)
            {
                return leasedMax;
            }

            watermark = AdvanceTx(req.Topic, req.Group, partition, watermark);
        }

        return leasedMax;
    }

    /// <summary>
    /// Ordered mode: walks the unsettled records up from the watermark. Records this member already holds fill its
    /// per-partition window; a claimable record is leased (or dead-lettered after its last attempt); the walk stops at
    /// the first record another member holds or that a nack delay hides, so nothing is handed out past it.
    /// </summary>
    private long LeaseOrderedTx(ClaimRequest req, int partition, long watermark, long claimedMax, List<ClaimedRecord> claimed)
    {
        const int page = CandidatePage; // rows read per query; the walk usually ends within the first page
        long leasedMax = claimedMax;
        int held = 0;
        bool deadLettered = false;
        long after = watermark;
        var rows = new List<Candidate>(page);
        bool stop = false;
        while (!stop)
        {
            rows.Clear();
            Read(_db.Query(ClaimHeadSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@w", after)), rows, req.Topic, page);
            foreach (Candidate c in rows)
            {
                HeadStep step = ClaimRules.Ordered(req, held, claimed.Count, c.Fresh, c.Attempts, c.LeaseUntil, c.VisibleAt, c.Owner);
                if (step is HeadStep.Full or HeadStep.Blocked)
                {
                    stop = true; // window full, or head-of-line: another member holds it or it waits for its nack delay
                    break;
                }

                if (step == HeadStep.Held)
                {
                    held++; // already in this member's window, in order
                    continue;
                }

                if (step == HeadStep.DeadLetter)
                {
                    DeadLetterTx(req.Topic, c.Record, req.Group, partition, c.Record.Offset,
                        ClaimRules.ExpiredReason(c.LastError, c.Attempts), (int)c.Attempts, req.Now);
                    deadLettered = true;
                    continue;
                }

                LeaseOneTx(req, partition, c, claimed);
                leasedMax = Math.Max(leasedMax, c.Record.Offset);
                held++;
            }

            stop |= rows.Count < page;
            after = rows.Count > 0 ? rows[^1].Record.Offset : after;
        }

        if (deadLettered)
        {
            AdvanceTx(req.Topic, req.Group, partition, watermark);
        }

        return leasedMax;
    }

    private void LeaseOneTx(ClaimRequest req, int partition, Candidate c, List<ClaimedRecord> claimed)
    {
        _db.Execute(LeaseSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@o", c.Record.Offset), ("@m", req.Member), ("@u", req.LeaseUntil));
        LowerDueHint(req.Topic, req.Group, partition, req.LeaseUntil);
        claimed.Add(new ClaimedRecord(c.Record, (int)c.Attempts + 1, req.LeaseUntil));
    }

    private List<Candidate> ReadCompetingCandidatesTx(ClaimRequest req, int partition, long watermark, long freshAfter, long head, bool queryDue, int limit)
    {
        // Redeliveries first (their offsets are ≤ freshAfter), then fresh records: together still in offset order.
        var rows = new List<Candidate>();
        if (queryDue)
        {
            Read(_db.Query(ClaimDueSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@w", watermark), ("@n", req.Now)), rows, req.Topic, limit);
        }

        if (rows.Count < limit && head > freshAfter)
        {
            Read(_db.Query(ClaimFreshSql, ("@t", req.Topic), ("@p", partition), ("@c", freshAfter)), rows, req.Topic, limit);
        }

        return rows;
    }

    /// <summary>Adds the query's rows to <paramref name="rows"/> until it holds <paramref name="limit"/>.</summary>
    private static void Read(SqliteRows query, List<Candidate> rows, string topic, int limit)
    {
        using SqliteRows r = query;
        while (rows.Count < limit && r.Read())
        {
            bool fresh = r.IsDBNull(10);
            rows.Add(new Candidate(
                ReadRecord(r, topic),
                fresh,
                fresh ? 0 : r.GetInt64(10),
                fresh ? 0 : r.GetInt64(11),
                fresh ? 0 : r.GetInt64(12),
                r.IsDBNull(13) ? null : r.GetString(13),
                r.IsDBNull(14) ? null : r.GetString(14)));
        }
    }

    /// <summary>A record with its delivery row (<see cref="Fresh"/> and zeros when it was never claimed).</summary>
    private sealed record Candidate(EventRecord Record, bool Fresh, long Attempts, long LeaseUntil, long VisibleAt, string? LastError, string? Owner);
}
