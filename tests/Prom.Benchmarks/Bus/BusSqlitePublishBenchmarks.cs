using System;
using System.Collections.Generic;
using System.IO;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Prom.Bus;
using Prom.Bus.Sqlite;

namespace Prom.Benchmarks.Bus;

/// <summary>
/// Durable publish on the SQLite store — one record per call (sequential, and ten publishers at once, which group
/// commit lets share fsyncs) and 100 per batch — against raw SQLite inserts of the same rows (same WAL mode and
/// synchronous level, one row per transaction and 100 per transaction).
/// </summary>
[MemoryDiagnoser]
public class BusSqlitePublishBenchmarks
{
    private const int N = 100;
    private static readonly byte[] s_payload = """{"pid":1234,"name":"stt","cpu":12.5}"""u8.ToArray();
    private string _dir = null!;
    private SqliteBusStore _store = null!;
    private EventBus _bus = null!;
    private SqliteConnection _raw = null!;
    private SqliteCommand _insert = null!;
    private long _rawOffset;
    private List<PublishRequest> _batch = null!;

    [Params(SqliteDurability.Full, SqliteDurability.Normal)]
    public SqliteDurability Durability { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        _dir = Directory.CreateTempSubdirectory("prom-bench-sqlite-").FullName;
        _store = new SqliteBusStore(new SqliteBusStoreOptions { Path = Path.Combine(_dir, "bus.db"), Durability = Durability });
        _bus = new EventBus(_store);
        _batch = new List<PublishRequest>();
        for (int i = 0; i < N; i++)
        {
            _batch.Add(new PublishRequest("bench.sqlite", s_payload) { Key = "k" + (i % 10) });
        }

        _raw = new SqliteConnection($"Data Source={Path.Combine(_dir, "raw.db")}");
        _raw.Open();
        using (SqliteCommand pragma = _raw.CreateCommand())
        {
            pragma.CommandText = $"PRAGMA journal_mode=WAL; PRAGMA synchronous={(Durability == SqliteDurability.Full ? "FULL" : "NORMAL")};" +
                "CREATE TABLE events(topic TEXT NOT NULL, part INTEGER NOT NULL, offs INTEGER NOT NULL, id TEXT NOT NULL, ts INTEGER NOT NULL, key TEXT, payload BLOB NOT NULL, PRIMARY KEY(topic, part, offs));" +
                "CREATE UNIQUE INDEX events_id ON events(id);";
            pragma.ExecuteNonQuery();
        }

        _insert = _raw.CreateCommand();
        _insert.CommandText = "INSERT INTO events(topic, part, offs, id, ts, key, payload) VALUES('bench.sqlite', 0, @o, @i, @t, @k, @p)";
        _insert.Parameters.Add("@o", SqliteType.Integer);
        _insert.Parameters.Add("@i", SqliteType.Text);
        _insert.Parameters.Add("@t", SqliteType.Integer);
        _insert.Parameters.Add("@k", SqliteType.Text);
        _insert.Parameters.Add("@p", SqliteType.Blob);
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _bus.DisposeAsync();
        await _store.DisposeAsync();
        _insert.Dispose();
        _raw.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = N)]
    public void RawInsertOnePerTransaction()
    {
        for (int i = 0; i < N; i++)
        {
            using SqliteTransaction tx = _raw.BeginTransaction();
            InsertRaw(tx, i);
            tx.Commit();
        }
    }

    [Benchmark(OperationsPerInvoke = N)]
    public async Task PublishSingle()
    {
        for (int i = 0; i < N; i++)
        {
            await _bus.PublishAsync(_batch[i]);
        }
    }

    /// <summary>Ten publishers, ten single publishes each, at once: group commit shares the fsyncs.</summary>
    [Benchmark(OperationsPerInvoke = N)]
    public async Task PublishSingleTenConcurrent()
    {
        var publishers = new Task[10];
        for (int w = 0; w < publishers.Length; w++)
        {
            int first = w * 10;
            publishers[w] = Task.Run(async () =>
            {
                for (int i = first; i < first + 10; i++)
                {
                    await _bus.PublishAsync(_batch[i]);
                }
            });
        }

        await Task.WhenAll(publishers);
    }

    [Benchmark(OperationsPerInvoke = N)]
    public void RawInsertBatchOf100()
    {
        using SqliteTransaction tx = _raw.BeginTransaction();
        for (int i = 0; i < N; i++)
        {
            InsertRaw(tx, i);
        }

        tx.Commit();
    }

    [Benchmark(OperationsPerInvoke = N)]
    public async Task PublishBatchOf100() => await _bus.PublishBatchAsync(_batch);

    private void InsertRaw(SqliteTransaction tx, int i)
    {
        _insert.Transaction = tx;
        _insert.Parameters["@o"].Value = ++_rawOffset;
        _insert.Parameters["@i"].Value = UuidV7.NewId();
        _insert.Parameters["@t"].Value = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        _insert.Parameters["@k"].Value = "k" + (i % 10);
        _insert.Parameters["@p"].Value = s_payload;
        _insert.ExecuteNonQuery();
    }
}
