using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Stores;

namespace Prom.Bus.Postgres;

/// <summary>
/// Claims. A competing claim first runs the fast path: one batch on the delivery-state pool (one round trip, one
/// implicit transaction) whose single statement locks, with <c>FOR UPDATE SKIP LOCKED</c>, the cursors of the partitions
/// that have fresh records and no due redelivery, leases a run of fresh records of each and moves <c>claimed</c>, followed
/// by a probe of what work is left. The fast path locks only as many partitions as its records need (an estimate), so
/// members woken together take different partitions. The statement-by-statement claim runs when the fast path leaves due
/// redeliveries (which go first and may be dead-lettered), or leased nothing while fresh records wait (partitions another
/// member is claiming from right now); it is also the only path of ordered members. That claim locks the cursor rows of the partitions with work
/// (<c>SKIP LOCKED</c>; only when every one is locked and the fast path leased nothing does it wait for them, so a member
/// never returns empty-handed while records wait, and a member that has records is not held up) and inside a locked partition works as on SQLite: due redeliveries from the delivery rows above the
/// watermark, then fresh records above <c>claimed</c>.
/// </summary>
public sealed partial class PostgresBusStore
{
    /// <summary>Fast-path retries, <see cref="s_lockedRetryDelay"/> apart, of a claim that found every partition with fresh records locked.</summary>
    private const int LockedRetries = 3;

    private static readonly TimeSpan s_lockedRetryDelay = TimeSpan.FromMilliseconds(1);

    /// <inheritdoc />
    public async ValueTask<IReadOnlyList<ClaimedRecord>> ClaimAsync(ClaimRequest request, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Ordered || request.Max <= 0)
        {
            return await ClaimStepwiseAsync(request, ct).ConfigureAwait(false);
        }

        TopicConfig t = _topicCache.TryGetValue(request.Topic, out TopicConfig? cached)
            ? cached
            : await InTransactionAsync(tx => RequireTopicTx(tx, request.Topic), ct).ConfigureAwait(false);
        int[] parts = (request.Partitions ?? Enumerable.Range(0, t.Partitions).ToArray()).Where(p => (uint)p < (uint)t.Partitions).ToArray();
        if (parts.Length == 0)
        {
            return [];
        }

        (List<ClaimedRecord> claimed, bool groupExists, bool freshLeft, bool dueLeft) = await ClaimFreshFastAsync(request, t, parts, ct).ConfigureAwait(false);
        if (!groupExists)
        {
            throw StoreErrors.UnknownGroup(request.Topic, request.Group);
        }

        // Fresh records wait, but every partition that has them is locked right now (by other members' claims or by
        // ack rounds, which hold a partition's cursor for a few statements). Back off and try the fast path again, holding
        // no lock, before the stepwise claim queues on those cursors: queued in partition order, it holds the first ones
        // while it waits for the next, and the ack rounds of those partitions queue behind it (the end-to-end benchmark's
        // slow iterations, session 16 in docs/benchmarks.md).
        for (int retry = 0; claimed.Count == 0 && freshLeft && !dueLeft && retry < LockedRetries; retry++)
        {
            await Task.Delay(s_lockedRetryDelay, ct).ConfigureAwait(false);
            (claimed, groupExists, freshLeft, dueLeft) = await ClaimFreshFastAsync(request, t, parts, ct).ConfigureAwait(false);
        }

        if (claimed.Count == 0)
        {
            return freshLeft || dueLeft ? await ClaimStepwiseAsync(request, ct).ConfigureAwait(false) : claimed;
        }

        // Fresh records the fast path left (it locks only the partitions its records need) wait for this member's next
        // claim or another member; due redeliveries, which the fast path never takes, are claimed now.
        if (!dueLeft || claimed.Count >= request.Max)
        {
            return claimed;
        }

        // The fast path committed leases: they are returned whatever happens to the rest (not cancellable, and a failure
        // of the rest only leaves its records for the next claim). The rest never waits for cursors other members hold:
        // this member has records to work on, and its next claim (when they are done) finds what is left then. It still
        // runs, so partitions with due redeliveries (which the fast path leaves alone) are served while fresh records
        // keep the fast path busy.
        try
        {
            claimed.AddRange(await ClaimStepwiseAsync(request with { Max = request.Max - claimed.Count }, CancellationToken.None, waitForLocked: false).ConfigureAwait(false));
        }
        catch (NpgsqlException)
        {
        }

        return claimed;
    }

    /// <summary>
    /// The fast path (see the class remarks): the records it leased, whether the group exists, whether fresh records are
    /// left and whether due redeliveries are.
    /// </summary>
    private async Task<(List<ClaimedRecord> Claimed, bool GroupExists, bool FreshLeft, bool DueLeft)> ClaimFreshFastAsync(ClaimRequest req, TopicConfig t, int[] parts, CancellationToken ct)
    {
        int rotation = (int)((uint)Interlocked.Increment(ref _claimRotation) % (uint)t.Partitions);
        for (int attempt = 1; ; attempt++)
        {
            var claimed = new List<ClaimedRecord>();
            try
            {
                await using NpgsqlConnection conn = await _deliverySource.OpenConnectionAsync(ct).ConfigureAwait(false);
                await using var batch = new NpgsqlBatch(conn);
                AddCommand(batch, _sql.ClaimFreshFast, [PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.IntArray(parts), PgParams.Long(req.Now),
                    PgParams.Int(req.Max), PgParams.Int(rotation), PgParams.Int(t.Partitions), PgParams.Text(req.Member), PgParams.Long(req.LeaseUntil)]);
                AddCommand(batch, _sql.ClaimProbe, [PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.IntArray(parts), PgParams.Long(req.Now)]);

                // Not cancellable once sent: the batch commits when the server reaches its end, and committed leases must be
                // reported (a cancelled read would leave them held by nobody until they expire).
                await using NpgsqlDataReader r = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                while (await r.ReadAsync().ConfigureAwait(false))
                {
                    claimed.Add(new ClaimedRecord(PostgresRows.ReadRecord(r), 1, req.LeaseUntil));
                }

                await r.NextResultAsync().ConfigureAwait(false);
                await r.ReadAsync().ConfigureAwait(false);
                return (claimed, r.GetBoolean(0), r.GetBoolean(1), r.GetBoolean(2));
            }
            catch (PostgresException ex) when (attempt < MaxTries && IsRetryable(ex))
            {
            }
        }
    }

    /// <summary>
    /// The statement-by-statement claim (ordered members, and what the fast path leaves; see the class remarks). With
    /// <paramref name="waitForLocked"/> false it returns what it could lock without waiting.
    /// </summary>
    private ValueTask<IReadOnlyList<ClaimedRecord>> ClaimStepwiseAsync(ClaimRequest request, CancellationToken ct, bool waitForLocked = true) =>
        InTransactionAsync<IReadOnlyList<ClaimedRecord>>(async tx =>
        {
            TopicConfig t = await RequireTopicTx(tx, request.Topic).ConfigureAwait(false);
            int[] parts = (request.Partitions ?? Enumerable.Range(0, t.Partitions).ToArray()).Where(p => (uint)p < (uint)t.Partitions).ToArray();
            var claimed = new List<ClaimedRecord>();
            if (parts.Length == 0)
            {
                return claimed;
            }

            // Ordered members walk their own partitions' heads (held records count), so they lock every requested cursor;
            // competing members lock only partitions with claimable work.
            (string skipLocked, string waiting) = request.Ordered
                ? (_sql.LockCursorsSkipLocked, _sql.LockCursorsWaiting)
                : (_sql.LockCursorsWithWorkSkipLocked, _sql.LockCursorsWithWorkWaiting);
            List<(int Part, long Watermark, long Claimed)> locked = await LockCursorsTx(tx, request, parts, skipLocked).ConfigureAwait(false);
            if (locked.Count == 0)
            {
                if (!waitForLocked)
                {
                    return claimed;
                }

                if (await tx.ScalarAsync(_sql.GroupExists, PgParams.Text(request.Topic), PgParams.Text(request.Group)).ConfigureAwait(false) is null)
                {
                    throw StoreErrors.UnknownGroup(request.Topic, request.Group);
                }

                // Every partition with work is being claimed by another member right now: wait for them rather than
                // return empty while records wait (the subscription would sleep until the next wake-up).
                locked = await LockCursorsTx(tx, request, parts, waiting).ConfigureAwait(false);
                if (locked.Count == 0)
                {
                    return claimed;
                }
            }

            int start = (int)((uint)Interlocked.Increment(ref _claimRotation) % (uint)locked.Count);
            for (int k = 0; k < locked.Count && claimed.Count < request.Max; k++)
            {
                (int p, long wm, long claimedMax) = locked[(start + k) % locked.Count];
                long leasedMax = request.Ordered
                    ? await LeaseOrderedTx(tx, request, p, wm, claimedMax, claimed).ConfigureAwait(false)
                    : await LeaseCompetingTx(tx, request, p, wm, claimedMax, claimed).ConfigureAwait(false);
                if (leasedMax > claimedMax)
                {
                    await tx.ExecAsync(_sql.SetClaimed, PgParams.Text(request.Topic), PgParams.Text(request.Group), PgParams.Int(p), PgParams.Long(leasedMax)).ConfigureAwait(false);
                }
            }

            return claimed;
        }, ct, deliveryState: true);

    private static async Task<List<(int Part, long Watermark, long Claimed)>> LockCursorsTx(PgTx tx, ClaimRequest request, int[] parts, string sql)
    {
        var locked = new List<(int, long, long)>(parts.Length);
        NpgsqlParameter[] args = request.Ordered
            ? [PgParams.Text(request.Topic), PgParams.Text(request.Group), PgParams.IntArray(parts)]
            : [PgParams.Text(request.Topic), PgParams.Text(request.Group), PgParams.IntArray(parts), PgParams.Long(request.Now)];
        await using NpgsqlDataReader r = await tx.ReaderAsync(sql, args).ConfigureAwait(false);
        while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
        {
            locked.Add((r.GetInt32(0), r.GetInt64(1), r.GetInt64(2)));
        }

        return locked;
    }

    /// <summary>
    /// Competing mode on one locked partition: due redeliveries first, then fresh records, in offset order; a due record
    /// whose attempts are used up goes to the DLQ instead (and the walk repeats over what that unblocked). Returns the
    /// highest offset leased (or <paramref name="claimedMax"/>).
    /// </summary>
    private async Task<long> LeaseCompetingTx(PgTx tx, ClaimRequest req, int partition, long watermark, long claimedMax, List<ClaimedRecord> claimed)
    {
        long leasedMax = claimedMax;
        while (claimed.Count < req.Max)
        {
            List<Candidate> due = await ReadCandidatesTx(tx, _sql.ClaimDue, PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.Int(partition),
                PgParams.Long(req.Now), PgParams.Long(watermark), PgParams.Int(req.Max - claimed.Count)).ConfigureAwait(false);
            bool deadLettered = false;
            var again = new List<long>();
            foreach (Candidate c in due)
            {
                if (c.Attempts >= req.MaxAttempts)
                {
                    // The last allowed attempt's lease expired without an ack: dead-letter instead of redelivering.
                    await DeadLetterTx(tx, req.Topic, c.Record, req.Group, partition, c.Record.Offset,
                        ClaimRules.ExpiredReason(c.LastError, c.Attempts), c.Attempts, req.Now).ConfigureAwait(false);
                    deadLettered = true;
                    continue;
                }

                again.Add(c.Record.Offset);
                claimed.Add(new ClaimedRecord(c.Record, c.Attempts + 1, req.LeaseUntil));
            }

            if (again.Count > 0)
            {
                await tx.ExecAsync(_sql.LeaseAgain, PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.Int(partition),
                    PgParams.LongArray([.. again]), PgParams.Text(req.Member), PgParams.Long(req.LeaseUntil)).ConfigureAwait(false);
            }

            if (claimed.Count < req.Max)
            {
                List<Candidate> fresh = await ReadCandidatesTx(tx, _sql.ClaimFresh, PgParams.Text(req.Topic), PgParams.Int(partition),
                    PgParams.Long(Math.Max(watermark, leasedMax)), PgParams.Int(req.Max - claimed.Count)).ConfigureAwait(false);
                if (fresh.Count > 0)
                {
                    var offsets = new long[fresh.Count];
                    for (int i = 0; i < offsets.Length; i++)
                    {
                        offsets[i] = fresh[i].Record.Offset;
                        claimed.Add(new ClaimedRecord(fresh[i].Record, 1, req.LeaseUntil));
                    }

                    await tx.ExecAsync(_sql.LeaseFresh, PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.Int(partition),
                        PgParams.Text(req.Member), PgParams.Long(req.LeaseUntil), PgParams.LongArray(offsets)).ConfigureAwait(false);
                    leasedMax = Math.Max(leasedMax, offsets[^1]);
                }
            }

            if (!deadLettered)
            {
                return leasedMax;
            }

            watermark = await AdvanceTx(tx, req.Topic, req.Group, partition, watermark).ConfigureAwait(false);
        }

        return leasedMax;
    }

    /// <summary>
    /// Ordered mode on one locked partition: walks the unsettled records up from the watermark. Records this member
    /// already holds fill its per-partition window; a claimable record is leased (or dead-lettered after its last
    /// attempt); the walk stops at the first record another member holds or that a nack delay hides.
    /// </summary>
    private async Task<long> LeaseOrderedTx(PgTx tx, ClaimRequest req, int partition, long watermark, long claimedMax, List<ClaimedRecord> claimed)
    {
        const int page = 256;
        long leasedMax = claimedMax;
        int held = 0;
        bool deadLettered = false;
        long after = watermark;
        var again = new List<long>();
        var fresh = new List<long>();
        bool stop = false;
        while (!stop)
        {
            List<Candidate> rows = await ReadCandidatesTx(tx, _sql.ClaimHead, PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.Int(partition),
                PgParams.Long(after), PgParams.Int(page)).ConfigureAwait(false);
            foreach (Candidate c in rows)
            {
                HeadStep step = ClaimRules.Ordered(req, held, claimed.Count, c.Fresh, c.Attempts, c.LeaseUntil, c.VisibleAt, c.Owner);
                if (step is HeadStep.Full or HeadStep.Blocked)
                {
                    stop = true;
                    break;
                }

                if (step == HeadStep.Held)
                {
                    held++;
                    continue;
                }

                if (step == HeadStep.DeadLetter)
                {
                    await DeadLetterTx(tx, req.Topic, c.Record, req.Group, partition, c.Record.Offset,
                        ClaimRules.ExpiredReason(c.LastError, c.Attempts), c.Attempts, req.Now).ConfigureAwait(false);
                    deadLettered = true;
                    continue;
                }

                (c.Fresh ? fresh : again).Add(c.Record.Offset);
                claimed.Add(new ClaimedRecord(c.Record, c.Attempts + 1, req.LeaseUntil));
                leasedMax = Math.Max(leasedMax, c.Record.Offset);
                held++;
            }

            stop |= rows.Count < page;
            after = rows.Count > 0 ? rows[^1].Record.Offset : after;
        }

        if (again.Count > 0)
        {
            await tx.ExecAsync(_sql.LeaseAgain, PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.Int(partition),
                PgParams.LongArray([.. again]), PgParams.Text(req.Member), PgParams.Long(req.LeaseUntil)).ConfigureAwait(false);
        }

        if (fresh.Count > 0)
        {
            await tx.ExecAsync(_sql.LeaseFresh, PgParams.Text(req.Topic), PgParams.Text(req.Group), PgParams.Int(partition),
                PgParams.Text(req.Member), PgParams.Long(req.LeaseUntil), PgParams.LongArray([.. fresh])).ConfigureAwait(false);
        }

        if (deadLettered)
        {
            await AdvanceTx(tx, req.Topic, req.Group, partition, watermark).ConfigureAwait(false);
        }

        return leasedMax;
    }

    private static async Task<List<Candidate>> ReadCandidatesTx(PgTx tx, string sql, params NpgsqlParameter[] args)
    {
        var rows = new List<Candidate>();
        await using NpgsqlDataReader r = await tx.ReaderAsync(sql, args).ConfigureAwait(false);
        while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
        {
            bool fresh = r.IsDBNull(11);
            rows.Add(new Candidate(
                PostgresRows.ReadRecord(r),
                fresh,
                fresh ? 0 : r.GetInt32(11),
                fresh ? 0 : r.GetInt64(12),
                fresh ? 0 : r.GetInt64(13),
                r.IsDBNull(14) ? null : r.GetString(14),
                r.IsDBNull(15) ? null : r.GetString(15)));
        }

        return rows;
    }

    /// <summary>A record with its delivery row (<see cref="Fresh"/> and zeros when it was never claimed).</summary>
    private sealed record Candidate(EventRecord Record, bool Fresh, int Attempts, long LeaseUntil, long VisibleAt, string? LastError, string? Owner);
}
