using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Stores;

namespace Prom.Bus.Postgres;

/// <summary>
/// Acks. They go through group commit, and one round is one <see cref="NpgsqlBatch"/> on the delivery-state pool: one
/// network round trip and one (asynchronous) commit for every ack that arrived while the previous round ran, whatever
/// the number of partitions. Per (topic, group), in (topic, group) order, the batch sends two statements whatever the
/// number of partitions the acks touch: one locks the cursor rows of those partitions in partition order and settles
/// the acks, the next advances each watermark over what is settled and reads which of the acks' delivery rows are
/// settled (so an ack it did not settle can tell "settled already" from "unknown"). Two, not one, because a statement
/// sees the snapshot taken at its start: the advance must see the settles. Per group and not per partition because a
/// statement's start-up dominates these small statements, and the cursor locks are held while they run: the other
/// processes' ack rounds and claims of the same partitions wait for them. A batch without an explicit transaction is
/// one implicit transaction (one Sync at its end), so the cursor locks are held to its commit.
/// </summary>
public sealed partial class PostgresBusStore
{
    /// <inheritdoc />
    /// <remarks>
    /// Acks go through group commit: the acks that arrive while a round is committing are settled together in the next
    /// round, one batch for all of them (many consumers acking at once cost one round trip, not several each, and hold
    /// one pooled connection instead of one each).
    /// </remarks>
    public ValueTask<SettleOutcome> AckAsync(DeliveryRef delivery, CancellationToken ct = default) => _acks.RunAsync(delivery, ct);

    private async Task RunAckRoundAsync(List<GroupCommit<DeliveryRef, SettleOutcome>.Pending> round)
    {
        var started = round.Where(p => p.TryStart()).ToList();
        started.Sort((a, b) => CompareCursor(a.Request, b.Request));
        var results = new object?[started.Count];

        // The ranges of one (topic, group) each; an ack of an unknown topic or partition fails alone, before the batch.
        var ranges = new List<(int From, int To)>();
        var valid = new bool[started.Count];
        for (int i = 0; i < started.Count;)
        {
            int end = i;
            while (end < started.Count && CompareGroup(started[i].Request, started[end].Request) == 0)
            {
                end++;
            }

            bool any = false;
            for (int k = i; k < end; k++)
            {
                BusException? invalid = await ValidateCursorAsync(started[k].Request).ConfigureAwait(false);
                results[k] = invalid;
                valid[k] = invalid is null;
                any |= invalid is null;
            }

            if (any)
            {
                ranges.Add((i, end));
            }

            i = end;
        }

        if (ranges.Count > 0)
        {
            await AckBatchAsync(started, ranges, valid, results).ConfigureAwait(false);
        }

        for (int i = 0; i < started.Count; i++)
        {
            if (results[i] is BusException ex)
            {
                started[i].SetException(ex);
            }
            else
            {
                started[i].SetResult((SettleOutcome)results[i]!);
            }
        }
    }

    /// <summary>Null when the delivery's topic exists and has its partition (usually from the topic cache, no round trip).</summary>
    private async ValueTask<BusException?> ValidateCursorAsync(DeliveryRef d)
    {
        TopicConfig? t = _topicCache.TryGetValue(d.Topic, out TopicConfig? cached)
            ? cached
            : await InTransactionAsync(tx => FindTopicTx(tx, d.Topic), CancellationToken.None).ConfigureAwait(false);
        if (t is null)
        {
            return StoreErrors.UnknownTopic(d.Topic);
        }

        return (uint)d.Partition < (uint)t.Partitions ? null : StoreErrors.InvalidPartition(t.Name, d.Partition, t.Partitions);
    }

    private static int CompareCursor(DeliveryRef a, DeliveryRef b)
    {
        int c = CompareGroup(a, b);
        return c != 0 ? c : a.Partition.CompareTo(b.Partition);
    }

    private static int CompareGroup(DeliveryRef a, DeliveryRef b)
    {
        int c = string.CompareOrdinal(a.Topic, b.Topic);
        return c != 0 ? c : string.CompareOrdinal(a.Group, b.Group);
    }

    /// <summary>Sends the round's batch (retried whole after a deadlock: it committed nothing) and fills the results of its acks.</summary>
    private async Task AckBatchAsync(List<GroupCommit<DeliveryRef, SettleOutcome>.Pending> acks, List<(int From, int To)> ranges, bool[] valid, object?[] results)
    {
        var groups = new List<AckGroup>(ranges.Count);
        foreach ((int from, int to) in ranges)
        {
            groups.Add(AckGroup.Of(acks, from, to, valid));
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using NpgsqlConnection conn = await _deliverySource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
                await using var batch = new NpgsqlBatch(conn);
                foreach (AckGroup g in groups)
                {
                    NpgsqlParameter[] args() => [PgParams.Text(g.Topic), PgParams.Text(g.Group), PgParams.IntArray(g.Partitions),
                        PgParams.IntArray(g.AckPartitions), PgParams.LongArray(g.AckOffsets)];
                    AddCommand(batch, _sql.AckSettle, args());
                    AddCommand(batch, _sql.AckAdvance, args());
                }

                await using NpgsqlDataReader r = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                foreach (AckGroup g in groups)
                {
                    await ReadAckResultsAsync(r, g, acks, results).ConfigureAwait(false);
                }

                return;
            }
            catch (PostgresException ex) when (attempt < MaxTries && IsRetryable(ex))
            {
            }
        }
    }

    /// <summary>Reads the two result sets of one group (<c>AckSettle</c>, <c>AckAdvance</c>) and settles its acks' outcomes.</summary>
    private static async Task ReadAckResultsAsync(NpgsqlDataReader r, AckGroup g, List<GroupCommit<DeliveryRef, SettleOutcome>.Pending> acks, object?[] results)
    {
        await r.ReadAsync().ConfigureAwait(false);
        var exists = new HashSet<int>(r.GetFieldValue<int[]>(0));
        int[] settledParts = r.GetFieldValue<int[]>(1);
        long[] settledOffsets = r.GetFieldValue<long[]>(2);
        var settledNow = new HashSet<(int, long)>(settledParts.Length);
        for (int i = 0; i < settledParts.Length; i++)
        {
            settledNow.Add((settledParts[i], settledOffsets[i]));
        }

        await r.NextResultAsync().ConfigureAwait(false);
        await r.ReadAsync().ConfigureAwait(false);
        int[] parts = r.GetFieldValue<int[]>(0);
        long[] marks = r.GetFieldValue<long[]>(1);
        var watermarks = new Dictionary<int, long>(parts.Length);
        for (int i = 0; i < parts.Length; i++)
        {
            watermarks[parts[i]] = marks[i];
        }

        bool[] settledRows = r.GetFieldValue<bool[]>(2);
        await r.NextResultAsync().ConfigureAwait(false);
        for (int k = 0; k < g.Members.Length; k++)
        {
            int i = g.Members[k];
            DeliveryRef d = acks[i].Request;
            if (!exists.Contains(d.Partition))
            {
                results[i] = StoreErrors.UnknownGroup(d.Topic, d.Group);
            }
            else if (settledNow.Remove((d.Partition, d.Offset)))
            {
                results[i] = SettleOutcome.Settled; // a second ack of the same offset in this round finds it settled
            }
            else if (d.Offset <= watermarks.GetValueOrDefault(d.Partition, long.MinValue) || settledRows[k])
            {
                // Settled before this round, or by an earlier ack of the same offset in it (its row may already be dropped
                // below the advanced watermark).
                results[i] = SettleOutcome.AlreadySettled;
            }
            else
            {
                results[i] = StoreErrors.UnknownDelivery(d);
            }
        }
    }

    /// <summary>
    /// The acks of one (topic, group) in a round: <see cref="Members"/> are their indexes in the round (valid ones only,
    /// sorted by partition), <see cref="AckPartitions"/>/<see cref="AckOffsets"/> the same acks pairwise, and
    /// <see cref="Partitions"/> the distinct partitions, ascending (the order the cursors are locked in).
    /// </summary>
    private sealed class AckGroup(string topic, string group, int[] partitions, int[] members, int[] ackPartitions, long[] ackOffsets)
    {
        public string Topic { get; } = topic;

        public string Group { get; } = group;

        public int[] Partitions { get; } = partitions;

        public int[] Members { get; } = members;

        public int[] AckPartitions { get; } = ackPartitions;

        public long[] AckOffsets { get; } = ackOffsets;

        /// <summary>The valid acks of <paramref name="acks"/>[<paramref name="from"/>..<paramref name="to"/>), which are sorted by partition.</summary>
        public static AckGroup Of(List<GroupCommit<DeliveryRef, SettleOutcome>.Pending> acks, int from, int to, bool[] valid)
        {
            var members = new List<int>(to - from);
            var ackParts = new List<int>(to - from);
            var ackOffsets = new List<long>(to - from);
            var parts = new List<int>();
            for (int i = from; i < to; i++)
            {
                if (!valid[i])
                {
                    continue;
                }

                DeliveryRef d = acks[i].Request;
                members.Add(i);
                ackParts.Add(d.Partition);
                ackOffsets.Add(d.Offset);
                if (parts.Count == 0 || parts[^1] != d.Partition)
                {
                    parts.Add(d.Partition); // sorted input: a new partition is never smaller than the last one
                }
            }

            DeliveryRef head = acks[members[0]].Request;
            return new AckGroup(head.Topic, head.Group, [.. parts], [.. members], [.. ackParts], [.. ackOffsets]);
        }
    }

    private static void AddCommand(NpgsqlBatch batch, string sql, NpgsqlParameter[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.AddRange(args);
        batch.BatchCommands.Add(cmd);
    }
}
