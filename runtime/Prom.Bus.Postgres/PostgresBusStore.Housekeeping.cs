using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Stores;

namespace Prom.Bus.Postgres;

/// <summary><see cref="IMembershipStore"/>, <see cref="IIdempotencyStore"/> and <see cref="ILogMaintenance"/>: single statements, except that deletions advance the watermarks they unblock.</summary>
public sealed partial class PostgresBusStore
{
    /// <inheritdoc />
    public async ValueTask HeartbeatAsync(string topic, string group, string member, bool ordered, long expiresAt, CancellationToken ct = default) =>
        await InTransactionAsync(tx => tx.ExecAsync(_sql.Heartbeat, PgParams.Text(topic), PgParams.Text(group), PgParams.Text(member),
            PgParams.Bool(ordered), PgParams.Long(expiresAt)), ct).ConfigureAwait(false);

    /// <inheritdoc />
    public async ValueTask LeaveAsync(string topic, string group, string member, CancellationToken ct = default) =>
        await InTransactionAsync(tx => tx.ExecAsync(_sql.Leave, PgParams.Text(topic), PgParams.Text(group), PgParams.Text(member)), ct).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask<IReadOnlyList<string>> LiveMembersAsync(string topic, string group, bool orderedOnly, long now, CancellationToken ct = default) =>
        InTransactionAsync<IReadOnlyList<string>>(async tx =>
        {
            var list = new List<string>();
            await using NpgsqlDataReader r = await tx.ReaderAsync(_sql.LiveMembers, PgParams.Text(topic), PgParams.Text(group), PgParams.Long(now), PgParams.Bool(orderedOnly)).ConfigureAwait(false);
            while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
            {
                list.Add(r.GetString(0));
            }

            list.Sort(System.StringComparer.Ordinal);
            return list;
        }, ct);

    /// <inheritdoc />
    public ValueTask<bool> IsProcessedAsync(string key, long now, CancellationToken ct = default) =>
        InTransactionAsync(async tx => await tx.ScalarAsync(_sql.IsProcessed, PgParams.Text(key), PgParams.Long(now)).ConfigureAwait(false) is not null, ct);

    /// <inheritdoc />
    public async ValueTask MarkProcessedAsync(string key, long expiresAt, CancellationToken ct = default) =>
        await InTransactionAsync(tx => tx.ExecAsync(_sql.MarkProcessed, PgParams.Text(key), PgParams.Long(expiresAt)), ct).ConfigureAwait(false);

    /// <inheritdoc />
    public ValueTask<int> PurgeProcessedAsync(long now, CancellationToken ct = default) =>
        InTransactionAsync(tx => tx.ExecAsync(_sql.PurgeProcessed, PgParams.Long(now)), ct);

    /// <inheritdoc />
    public ValueTask<int> CompactAsync(string topic, CancellationToken ct = default) =>
        InTransactionAsync(tx => DeleteAndAdvanceTx(tx, topic, _sql.Compact, PgParams.Text(topic)), ct);

    /// <inheritdoc />
    public ValueTask<int> DeleteOlderThanAsync(string topic, long olderThan, CancellationToken ct = default) =>
        InTransactionAsync(tx => DeleteAndAdvanceTx(tx, topic, _sql.DeleteOlderThan, PgParams.Text(topic), PgParams.Long(olderThan)), ct);

    /// <summary>
    /// Locks every cursor of the topic (in key order, as claims do), deletes, then advances each group over the deleted
    /// offsets: the watermark invariant (watermark+1 exists and is unsettled) holds again at commit.
    /// </summary>
    private async Task<int> DeleteAndAdvanceTx(PgTx tx, string topic, string deleteSql, params NpgsqlParameter[] args)
    {
        await RequireTopicTx(tx, topic).ConfigureAwait(false);
        var cursors = new List<(string Group, int Part, long Watermark)>();
        await using (NpgsqlDataReader r = await tx.ReaderAsync(_sql.LockTopicCursors, PgParams.Text(topic)).ConfigureAwait(false))
        {
            while (await r.ReadAsync(tx.Cancellation).ConfigureAwait(false))
            {
                cursors.Add((r.GetString(0), r.GetInt32(1), r.GetInt64(2)));
            }
        }

        int removed = await tx.ExecAsync(deleteSql, args).ConfigureAwait(false);
        foreach ((string group, int part, long wm) in cursors)
        {
            await AdvanceTx(tx, topic, group, part, wm).ConfigureAwait(false);
        }

        return removed;
    }
}
