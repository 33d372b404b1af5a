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
/// the number of partitions. Per group-partition, in (topic, group, partition) order so rounds of several processes
/// cannot deadlock, the batch sends two statements: one locks the cursor row and settles the round's offsets, the next
/// advances the watermark over what is settled and reads which of the offsets are settled (so an ack it did not settle
/// can tell "settled already" from "unknown"). Two, not one, because a statement sees the snapshot taken at its start:
/// the advance must see the settles. A batch without an explicit transaction is one implicit transaction (one Sync at
/// its end), so the cursor locks are held to its commit.
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

        // The ranges of one group-partition each; an ack of an unknown topic or partition fails alone, before the batch.
        var ranges = new List<(int From, int To)>();
        for (int i = 0; i < started.Count;)
        {
            int end = i;
            while (end < started.Count && CompareCursor(started[i].Request, started[end].Request) == 0)
            {
                end++;
            }

            BusException? invalid = await ValidateCursorAsync(started[i].Request).ConfigureAwait(false);
            if (invalid is null)
            {
                ranges.Add((i, end));
            }
            else
            {
                Array.Fill(results, invalid, i, end - i);
            }

            i = end;
        }

        if (ranges.Count > 0)
        {
            await AckBatchAsync(started, ranges, results).ConfigureAwait(false);
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
        int c = string.CompareOrdinal(a.Topic, b.Topic);
        c = c != 0 ? c : string.CompareOrdinal(a.Group, b.Group);
        return c != 0 ? c : a.Partition.CompareTo(b.Partition);
    }

    /// <summary>Sends the round's batch (retried whole after a deadlock: it committed nothing) and fills the results of its acks.</summary>
    private async Task AckBatchAsync(List<GroupCommit<DeliveryRef, SettleOutcome>.Pending> acks, List<(int From, int To)> ranges, object?[] results)
    {
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                await using NpgsqlConnection conn = await _deliverySource.OpenConnectionAsync(CancellationToken.None).ConfigureAwait(false);
                await using var batch = new NpgsqlBatch(conn);
                foreach ((int from, int to) in ranges)
                {
                    DeliveryRef head = acks[from].Request;
                    var offsets = new long[to - from];
                    for (int i = from; i < to; i++)
                    {
                        offsets[i - from] = acks[i].Request.Offset;
                    }

                    AddCommand(batch, _sql.AckSettle, [.. CursorKey(head), PgParams.LongArray(offsets)]);
                    AddCommand(batch, _sql.AckAdvance, [.. CursorKey(head), PgParams.LongArray(offsets)]);
                }

                await using NpgsqlDataReader r = await batch.ExecuteReaderAsync(CancellationToken.None).ConfigureAwait(false);
                foreach ((int from, int to) in ranges)
                {
                    await ReadAckResultsAsync(r, acks, from, to, results).ConfigureAwait(false);
                }

                return;
            }
            catch (PostgresException ex) when (attempt < MaxTries && IsRetryable(ex))
            {
            }
        }
    }

    /// <summary>Reads the two result sets of one group-partition (<c>AckSettle</c>, <c>AckAdvance</c>) and settles its acks' outcomes.</summary>
    private static async Task ReadAckResultsAsync(NpgsqlDataReader r, List<GroupCommit<DeliveryRef, SettleOutcome>.Pending> acks, int from, int to, object?[] results)
    {
        await r.ReadAsync().ConfigureAwait(false);
        bool exists = r.GetBoolean(0);
        var settledNow = new HashSet<long>(r.GetFieldValue<long[]>(1));
        await r.NextResultAsync().ConfigureAwait(false);
        await r.ReadAsync().ConfigureAwait(false);
        long watermark = r.IsDBNull(0) ? long.MinValue : r.GetInt64(0);
        var settledRows = new HashSet<long>(r.GetFieldValue<long[]>(1));
        await r.NextResultAsync().ConfigureAwait(false);
        for (int i = from; i < to; i++)
        {
            DeliveryRef d = acks[i].Request;
            if (!exists)
            {
                results[i] = StoreErrors.UnknownGroup(d.Topic, d.Group);
            }
            else if (settledNow.Remove(d.Offset))
            {
                results[i] = SettleOutcome.Settled; // a second ack of the same offset in this round finds it settled
            }
            else if (d.Offset <= watermark || settledRows.Contains(d.Offset))
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

    private static NpgsqlParameter[] CursorKey(DeliveryRef d) => [PgParams.Text(d.Topic), PgParams.Text(d.Group), PgParams.Int(d.Partition)];

    private static void AddCommand(NpgsqlBatch batch, string sql, NpgsqlParameter[] args)
    {
        var cmd = new NpgsqlBatchCommand(sql);
        cmd.Parameters.AddRange(args);
        batch.BatchCommands.Add(cmd);
    }
}
