using System.Collections.Generic;
using Microsoft.Data.Sqlite;
using Prom.Bus.Stores;

namespace Prom.Bus.Sqlite;

/// <summary>The claim statement: lease deliverable records of one partition.</summary>
public sealed partial class SqliteBusStore
{
    private const string ClaimJoin =
        "FROM bus_events e LEFT JOIN bus_deliveries d ON d.topic=e.topic AND d.grp=@g AND d.part=e.part AND d.offs=e.offs " +
        "WHERE e.topic=@t AND e.part=@p AND e.offs>@w ";

    /// <summary>Competing mode: the lowest-offset records that are not settled, not leased and visible.</summary>
    private const string ClaimCompetingSql =
        $"SELECT {RecordColumns}, d.attempts, d.lease_until, d.visible_at, d.last_error {ClaimJoin}" +
        "AND (d.offs IS NULL OR (d.settled=0 AND d.lease_until<=@n AND d.visible_at<=@n)) ORDER BY e.offs LIMIT @l";

    /// <summary>Ordered mode: the lowest unsettled record, claimable or not (head-of-line).</summary>
    private const string ClaimHeadSql =
        $"SELECT {RecordColumns}, d.attempts, d.lease_until, d.visible_at, d.last_error {ClaimJoin}" +
        "AND (d.offs IS NULL OR d.settled=0) ORDER BY e.offs LIMIT 1";

    private const string LeaseSql =
        "INSERT INTO bus_deliveries(topic, grp, part, offs, attempts, owner, lease_until, visible_at, settled, last_error) " +
        "VALUES(@t, @g, @p, @o, 1, @m, @u, 0, 0, NULL) " +
        "ON CONFLICT(topic, grp, part, offs) DO UPDATE SET attempts=attempts+1, owner=@m, lease_until=@u, visible_at=0";

    private void ClaimPartitionTx(ClaimRequest req, int partition, long watermark, List<ClaimedRecord> claimed)
    {
        while (claimed.Count < req.Max)
        {
            List<Candidate> rows = ReadCandidatesTx(req, partition, watermark, req.Max - claimed.Count);
            if (rows.Count == 0)
            {
                return;
            }

            bool deadLettered = false;
            foreach (Candidate c in rows)
            {
                if (req.Ordered && (c.LeaseUntil > req.Now || c.VisibleAt > req.Now))
                {
                    return; // head-of-line: the lowest unsettled record is busy, so this partition waits.
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
                claimed.Add(new ClaimedRecord(c.Record, (int)c.Attempts + 1, req.LeaseUntil));
                if (req.Ordered)
                {
                    return; // one record per partition at a time keeps the partition in offset order
                }
            }

            if (!deadLettered)
            {
                return;
            }

            watermark = AdvanceTx(req.Topic, req.Group, partition, watermark);
        }
    }

    private List<Candidate> ReadCandidatesTx(ClaimRequest req, int partition, long watermark, int limit)
    {
        var rows = new List<Candidate>();
        SqliteCommand cmd = req.Ordered
            ? _db.Command(ClaimHeadSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@w", watermark))
            : _db.Command(ClaimCompetingSql, ("@t", req.Topic), ("@g", req.Group), ("@p", partition), ("@w", watermark), ("@n", req.Now), ("@l", limit));
        using SqliteDataReader r = cmd.ExecuteReader();
        while (r.Read())
        {
            rows.Add(new Candidate(
                ReadRecord(r, req.Topic),
                r.IsDBNull(10) ? 0 : r.GetInt64(10),
                r.IsDBNull(11) ? 0 : r.GetInt64(11),
                r.IsDBNull(12) ? 0 : r.GetInt64(12),
                r.IsDBNull(13) ? null : r.GetString(13)));
        }

        return rows;
    }

    /// <summary>A record with its delivery row (zeros when it was never claimed).</summary>
    private sealed record Candidate(EventRecord Record, long Attempts, long LeaseUntil, long VisibleAt, string? LastError);
}
