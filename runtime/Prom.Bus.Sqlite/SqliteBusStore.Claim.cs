using System;
using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>The claim statements: lease deliverable records of one partition (see <see cref="SqliteSchema"/> for the invariant on <c>claimed</c>).</summary>
public sealed partial class SqliteBusStore
{
    private const string CandidateColumns = RecordColumns + ", d.attempts, d.lease_until, d.visible_at, d.last_error";

    /// <summary>Redeliverable records: a delivery row that is unsettled, not leased (or expired) and visible.</summary>
    private const string ClaimDueSql =
        $"SELECT {CandidateColumns} FROM bus_deliveries d JOIN bus_events e ON e.topic=d.topic AND e.part=d.part AND e.offs=d.offs " +
        "WHERE d.topic=@t AND d.grp=@g AND d.part=@p AND d.settled=0 AND d.lease_until<=@n AND d.visible_at<=@n AND d.offs>@w " +
        "ORDER BY d.offs LIMIT @l";

    /// <summary>Fresh records: above everything the group ever leased, so they have no delivery row.</summary>
    private const string ClaimFreshSql =
        $"SELECT {RecordColumns}, NULL, NULL, NULL, NULL FROM bus_events e WHERE e.topic=@t AND e.part=@p AND e.offs>@c ORDER BY e.offs LIMIT @l";

    /// <summary>Ordered mode: the lowest unsettled record, claimable or not (head-of-line).</summary>
    private const string ClaimHeadSql =
        $"SELECT {CandidateColumns} FROM bus_events e LEFT JOIN bus_deliveries d ON d.topic=e.topic AND d.grp=@g AND d.part=e.part AND d.offs=e.offs " +
        "WHERE e.topic=@t AND e.part=@p AND e.offs>@w AND (d.offs IS NULL OR d.settled=0) ORDER BY e.offs LIMIT 1";

    private const string LeaseSql =
        "INSERT INTO bus_deliveries(topic, grp, part, offs, attempts, owner, lease_until, visible_at, settled, last_error) " +
        "VALUES(@t, @g, @p, @o, 1, @m, @u, 0, 0, NULL) " +
        "ON CONFLICT(topic, grp, part, offs) DO UPDATE SET attempts=attempts+1, owner=@m, lease_until=@u, visible_at=0";

    private void ClaimPartitionTx(ClaimRequest req, int partition, long watermark, long claimedMax, List<ClaimedRecord> claimed)
    {
        long leasedMax = LeasePartitionTx(req, partition, watermark, claimedMax, claimed);
        if (leasedMax > claimedMax)
        {
            // Keep the invariant: nothing above `claimed` has a delivery row.
            _db.Execute("UPDATE bus_cursors SET claimed=@c WHERE topic=@t AND grp=@g AND part=@p",
                ("@c", leasedMax), ("@t", req.Topic), ("@g", req.Group), ("@p", partition));
        }
    }

    /// <summary>Leases what the partition can give; returns the highest offset leased (or <paramref name="claimedMax"/>).</summary>
    private long LeasePartitionTx(ClaimRequest req, int partition, long watermark, long claimedMax, List<ClaimedRecord> claimed)
    {
        long leasedMax = claimedMax;
        while (claimed.Count < req.Max)
        {
            List<Candidate> rows = ReadCandidatesTx(req, partition, watermark, Math.Max(watermark, leasedMax), req.Max - claimed.Count);
            if (rows.Count == 0)
            {
                return leasedMax;
            }

            bool deadLettered = false;
            foreach (Candidate c in rows)
            {
                if (req.Ordered && (c.LeaseUntil > req.Now || c.VisibleAt > req.Now))
                {
                    return leasedMax; // head-of-line: the lowest unsettled record is busy, so this partition waits.
                }

                if (c.Attempts >= req.MaxAttempts)
                {
                    // The last allowed attempt's lease expired without an ack: dead-letter instead of redelivering.
                    DeadLetterTx(req.Topic, c.Record, req.Group, partition, c.Record.Offset,
                        c.LastError ?? $"lease expired after {c.Attempts} attempts", (int)c.Attempts, req.Now);
                    deadLettered = true;
                    continue;
                }

                _db.Execute(LeaseSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@o", c.Record.Offset), ("@m", req.Member), ("@u", req.LeaseUntil));
                leasedMax = Math.Max(leasedMax, c.Record.Offset);
                claimed.Add(new ClaimedRecord(c.Record, (int)c.Attempts + 1, req.LeaseUntil));
                if (req.Ordered)
                {
                    return leasedMax; // one record per partition at a time keeps the partition in offset order
                }
            }

            if (!deadLettered)
            {
                return leasedMax;
            }

            watermark = AdvanceTx(req.Topic, req.Group, partition, watermark);
        }

        return leasedMax;
    }

    private List<Candidate> ReadCandidatesTx(ClaimRequest req, int partition, long watermark, long freshAfter, int limit)
    {
        var rows = new List<Candidate>();
        if (req.Ordered)
        {
            Read(_db.Command(ClaimHeadSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@w", watermark)), rows, req.Topic);
            return rows;
        }

        // Redeliveries first (their offsets are ≤ freshAfter), then fresh records: together still in offset order.
        Read(_db.Command(ClaimDueSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@w", watermark), ("@n", req.Now), ("@l", limit)), rows, req.Topic);
        if (rows.Count < limit)
        {
            Read(_db.Command(ClaimFreshSql, ("@t", req.Topic), ("@p", partition), ("@c", freshAfter), ("@l", limit - rows.Count)), rows, req.Topic);
        }

        return rows;
    }

    private static void Read(SqliteCommand cmd, List<Candidate> rows, string topic)
    {
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            rows.Add(new Candidate(
                ReadRecord(r, topic),
                r.IsDBNull(10) ? 0 : r.GetInt64(10),
                r.IsDBNull(11) ? 0 : r.GetInt64(11),
                r.IsDBNull(12) ? 0 : r.GetInt64(12),
                r.IsDBNull(13) ? null : r.GetString(13)));
        }
    }

    /// <summary>A record with its delivery row (zeros when it was never claimed).</summary>
    private sealed record Candidate(EventRecord Record, long Attempts, long LeaseUntil, long VisibleAt, string? LastError);
}
