using System;
using System.Collections.Generic;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Prom.Bus;
using Prom.Bus.Sqlite;

namespace Prom.Benchmarks.Bus;

/// <summary>
/// Durable end to end on the SQLite store (<see cref="SqliteDurability.Full"/>: every publish fsynced before it returns,
/// delivery state at the default Normal): 10 competing consumers of one group receive and ack, one record at a time each.
/// <c>RoundTrip</c> is one publish → deliver → ack (Median/P95/P99 = latency); <c>Throughput500</c> publishes 500
/// records in batches of 50 and waits until all are acked. The baseline is the raw-SQLite floor of a round trip:
/// insert one row in a durable transaction and read it back.
/// </summary>
[Config(typeof(LatencyConfig))]
public class BusSqliteEndToEndBenchmarks
{
    private const int Consumers = 10;
    private const int ThroughputRecords = 500;
    private static readonly byte[] s_payload = """{"pid":1234,"name":"stt"}"""u8.ToArray();
    private readonly SemaphoreSlim _acked = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private string _dir = null!;
    private SqliteBusStore _store = null!;
    private EventBus _bus = null!;
    private List<PublishRequest> _batch = null!;
    private SqliteConnection _raw = null!;
    private long _rawOffset;

    [GlobalSetup]
    public async Task Setup()
    {
        _dir = Directory.CreateTempSubdirectory("prom-bench-e2e-").FullName;
        _store = new SqliteBusStore(new SqliteBusStoreOptions { Path = Path.Combine(_dir, "bus.db"), Durability = SqliteDurability.Full });
        _bus = new EventBus(_store);
        await _bus.CreateTopicAsync(new TopicConfig("bench.e2e", Partitions: 4));
        _batch = new List<PublishRequest>();
        for (int i = 0; i < 50; i++)
        {
            _batch.Add(new PublishRequest("bench.e2e", s_payload) { Key = "k" + i });
        }

        for (int c = 0; c < Consumers; c++)
        {
            Subscription sub = await _bus.SubscribeAsync("bench.e2e", "workers", new SubscriptionOptions { From = StartPosition.Latest, MaxInFlight = 32 });
            _loops.Add(Task.Run(() => ConsumeAsync(sub)));
        }

        _raw = new SqliteConnection($"Data Source={Path.Combine(_dir, "raw.db")}");
        _raw.Open();
        Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; CREATE TABLE events(offs INTEGER PRIMARY KEY, id TEXT NOT NULL, payload BLOB NOT NULL);");
    }

    [GlobalCleanup]
    public async Task Cleanup()
    {
        await _stop.CancelAsync();
        try
        {
            await Task.WhenAll(_loops);
        }
        catch (OperationCanceledException)
        {
        }

        await _bus.DisposeAsync();
        await _store.DisposeAsync();
        _raw.Dispose();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_dir, recursive: true);
    }

    [Benchmark(Baseline = true)]
    public object RawInsertThenSelect()
    {
        using SqliteTransaction tx = _raw.BeginTransaction();
        using SqliteCommand insert = _raw.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = "INSERT INTO events(offs, id, payload) VALUES(@o, @i, @p)";
        insert.Parameters.AddWithValue("@o", ++_rawOffset);
        insert.Parameters.AddWithValue("@i", UuidV7.NewId());
        insert.Parameters.AddWithValue("@p", s_payload);
        insert.ExecuteNonQuery();
        tx.Commit();
        using SqliteCommand select = _raw.CreateCommand();
        select.CommandText = "SELECT payload FROM events WHERE offs=@o";
        select.Parameters.AddWithValue("@o", _rawOffset);
        return select.ExecuteScalar()!;
    }

    [Benchmark]
    public async Task RoundTrip()
    {
        await _bus.PublishAsync(_batch[0]);
        await _acked.WaitAsync();
    }

    [Benchmark(OperationsPerInvoke = ThroughputRecords)]
    public async Task Throughput500()
    {
        for (int i = 0; i < ThroughputRecords; i += _batch.Count)
        {
            await _bus.PublishBatchAsync(_batch);
        }

        for (int i = 0; i < ThroughputRecords; i++)
        {
            await _acked.WaitAsync();
        }
    }

    private async Task ConsumeAsync(Subscription sub)
    {
        while (!_stop.IsCancellationRequested)
        {
            Delivery d = await sub.ReceiveAsync(_stop.Token);
            await d.AckAsync();
            _acked.Release();
        }
    }

    private void Exec(string sql)
    {
        using SqliteCommand cmd = _raw.CreateCommand();
        cmd.CommandText = sql;
        cmd.ExecuteNonQuery();
    }
}
