using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Npgsql;

namespace Prom.Bus.Postgres;

/// <summary>One open transaction of the store with small command helpers; every statement of an operation runs on it.</summary>
internal sealed class PgTx(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct, bool relaxed = false)
{
    private bool _durable = !relaxed;

    public NpgsqlConnection Connection { get; } = connection;

    public CancellationToken Cancellation { get; } = ct;

    /// <summary>
    /// Topics whose records this transaction appended or gave back for redelivery, with how many (a <c>pg_notify</c> each,
    /// sent at commit; see <see cref="PostgresBusStore"/>).
    /// </summary>
    public Dictionary<string, int> AppendedTopics { get; } = new(System.StringComparer.Ordinal);

    /// <summary>Counts <paramref name="records"/> records appended to (or given back in) <paramref name="topic"/>.</summary>
    public void Appended(string topic, int records = 1) =>
        AppendedTopics[topic] = AppendedTopics.GetValueOrDefault(topic) + records;

    /// <summary>
    /// Makes this transaction's commit wait for the WAL flush even on a connection of the delivery-state pool
    /// (<c>synchronous_commit=off</c>, see <see cref="PostgresBusStore"/>): called before anything is appended (a
    /// dead-letter entry written by a claim or a nack), because appended records must be durable once reported.
    /// </summary>
    public async Task RequireDurableCommitAsync()
    {
        if (!_durable)
        {
            await ExecAsync("SET LOCAL synchronous_commit = on").ConfigureAwait(false);
            _durable = true;
        }
    }

    public NpgsqlCommand Command(string sql, params NpgsqlParameter[] args)
    {
        var cmd = new NpgsqlCommand(sql, Connection, transaction);
        cmd.Parameters.AddRange(args);
        return cmd;
    }

    /// <summary>A batch on this transaction (several statements, one round trip).</summary>
    public NpgsqlBatch Batch() => new(Connection, transaction);

    public async Task<int> ExecAsync(string sql, params NpgsqlParameter[] args)
    {
        await using NpgsqlCommand cmd = Command(sql, args);
        return await cmd.ExecuteNonQueryAsync(Cancellation).ConfigureAwait(false);
    }

    /// <summary>The first column of the first row, or null (no row or SQL NULL).</summary>
    public async Task<object?> ScalarAsync(string sql, params NpgsqlParameter[] args)
    {
        await using NpgsqlCommand cmd = Command(sql, args);
        object? value = await cmd.ExecuteScalarAsync(Cancellation).ConfigureAwait(false);
        return value is System.DBNull ? null : value;
    }

    public async Task<NpgsqlDataReader> ReaderAsync(string sql, params NpgsqlParameter[] args)
    {
        NpgsqlCommand cmd = Command(sql, args);
        return await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.Default, Cancellation).ConfigureAwait(false);
    }
}
