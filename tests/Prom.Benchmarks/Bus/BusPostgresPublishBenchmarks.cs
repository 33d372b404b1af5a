using System;
using System.Collections.Generic;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Npgsql;
using NpgsqlTypes;
using Prom.Bus;
using Prom.Bus.Postgres;
using Prom.Testing.Postgres;

namespace Prom.Benchmarks.Bus;

/// <summary>
/// Batched publish on the PostgreSQL store against raw Npgsql writes of the same rows into a table of the same shape
/// (same columns and indexes, one transaction per batch), in the same run: a multi-row INSERT (the baseline) and a binary
/// COPY. Server default <c>synchronous_commit=on</c>. Runs in a database it creates (and drops at exit) on the server of
/// scripts/deps.d/20-postgres.sh (or PROM_TEST_PG, an Npgsql connection string without Database).
/// </summary>
[MemoryDiagnoser]
public class BusPostgresPublishBenchmarks
{
    private static readonly byte[] s_payload = """{"pid":1234,"name":"stt","cpu":12.5}"""u8.ToArray();
    private readonly string _schema = "bench_" + Environment.ProcessId;
    private NpgsqlDataSource _raw = null!;
    private PostgresBusStore _store = null!;
    private EventBus _bus = null!;
    private List<PublishRequest> _batch = null!;
    private long _rawOffset;

    [Params(100, 1000)]
    public int Batch { get; set; }

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        string connection = PostgresTestDatabase.Create("prom_bench_publish");
        _store = await PostgresBusStore.OpenAsync(new PostgresBusStoreOptions { ConnectionString = connection, Schema = _schema });
        _bus = new EventBus(_store);
        await _bus.CreateTopicAsync(new TopicConfig("bench.pg"));
        _batch = [];
        for (int i = 0; i < Batch; i++)
        {
            _batch.Add(new PublishRequest("bench.pg", s_payload) { Key = "k" + (i % 10) });
        }

        _raw = NpgsqlDataSource.Create(connection);
        await using NpgsqlCommand create = _raw.CreateCommand($"""
            CREATE TABLE {_schema}.raw_events(
                topic text NOT NULL, part int NOT NULL, offs bigint NOT NULL, id uuid NOT NULL, ts bigint NOT NULL,
                key text, headers jsonb, payload bytea NOT NULL, sid text, caused_by text[], tags text[],
                PRIMARY KEY(topic, part, offs));
            CREATE UNIQUE INDEX raw_events_id ON {_schema}.raw_events(id);
            CREATE INDEX raw_events_ts ON {_schema}.raw_events(topic, part, ts);
            CREATE INDEX raw_events_key ON {_schema}.raw_events(topic, key) WHERE key IS NOT NULL;
            """);
        await create.ExecuteNonQueryAsync();
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        await _bus.DisposeAsync();
        await _store.DisposeAsync();
        await using (NpgsqlCommand drop = _raw.CreateCommand($"DROP SCHEMA {_schema} CASCADE"))
        {
            await drop.ExecuteNonQueryAsync();
        }

        await _raw.DisposeAsync();
    }

    /// <summary>The same rows as one multi-row INSERT in one transaction (chunks of 1,000 rows, as the store does).</summary>
    [Benchmark(Baseline = true)]
    public async Task RawMultiRowInsert()
    {
        await using NpgsqlConnection conn = await _raw.OpenConnectionAsync();
        await using NpgsqlTransaction tx = await conn.BeginTransactionAsync();
        var sql = new System.Text.StringBuilder($"INSERT INTO {_schema}.raw_events(topic, part, offs, id, ts, key, payload) VALUES ");
        await using var cmd = new NpgsqlCommand { Connection = conn, Transaction = tx };
        long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        for (int i = 0; i < Batch; i++)
        {
            int b = i * 5;
            sql.Append(i == 0 ? "" : ",").Append($"('bench.pg', 0, ${b + 1}, ${b + 2}, ${b + 3}, ${b + 4}, ${b + 5})");
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ++_rawOffset });
            cmd.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = ts });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = "k" + (i % 10) });
            cmd.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = s_payload });
        }

        cmd.CommandText = sql.ToString();
        await cmd.ExecuteNonQueryAsync();
        await tx.CommitAsync();
    }

    /// <summary>The same rows by binary COPY in one transaction.</summary>
    [Benchmark]
    public async Task RawBinaryCopy()
    {
        await using NpgsqlConnection conn = await _raw.OpenConnectionAsync();
        await using NpgsqlTransaction tx = await conn.BeginTransactionAsync();
        long ts = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        await using (NpgsqlBinaryImporter copy = await conn.BeginBinaryImportAsync(
            $"COPY {_schema}.raw_events(topic, part, offs, id, ts, key, payload) FROM STDIN (FORMAT BINARY)"))
        {
            for (int i = 0; i < Batch; i++)
            {
                await copy.StartRowAsync();
                await copy.WriteAsync("bench.pg", NpgsqlDbType.Text);
                await copy.WriteAsync(0, NpgsqlDbType.Integer);
                await copy.WriteAsync(++_rawOffset, NpgsqlDbType.Bigint);
                await copy.WriteAsync(Guid.CreateVersion7(), NpgsqlDbType.Uuid);
                await copy.WriteAsync(ts, NpgsqlDbType.Bigint);
                await copy.WriteAsync("k" + (i % 10), NpgsqlDbType.Text);
                await copy.WriteAsync(s_payload, NpgsqlDbType.Bytea);
            }

            await copy.CompleteAsync();
        }

        await tx.CommitAsync();
    }

    /// <summary>The bus: validation, ids, partitioning, offset allocation, the insert and the NOTIFY, one transaction.</summary>
    [Benchmark]
    public async Task PublishBatch() => await _bus.PublishBatchAsync(_batch);
}
