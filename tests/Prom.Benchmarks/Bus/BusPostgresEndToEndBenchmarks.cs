using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using Npgsql;
using Prom.Bus;
using Prom.Bus.CrashChild;
using Prom.Bus.Postgres;
using Prom.Testing.Postgres;

namespace Prom.Benchmarks.Bus;

/// <summary>
/// End to end on the PostgreSQL store (server default <c>synchronous_commit=on</c>), in a database this benchmark
/// creates: 10 competing consumers of one group, 5 in this process and 5 in a child process
/// (<c>Prom.Bus.CrashChild pg-bench-consume</c>), each receiving one record at a time and awaiting its ack.
/// <c>RoundTrip</c> is one publish → deliver → ack, observed here (from the child through its stdout); Median/P99 are the
/// round-trip latency. <c>Throughput</c> publishes <see cref="ThroughputRecords"/> records in batches of
/// <see cref="PublishBatch"/> and waits until all are acked (per-record time). The baseline is the raw Npgsql floor of a
/// durable round trip: insert one row in its own committed transaction and read it back.
/// </summary>
[Config(typeof(LatencyConfig))]
public class BusPostgresEndToEndBenchmarks
{
    private const int LocalConsumers = 5;
    private const int ChildConsumers = 5;
    private const int ThroughputRecords = 2000;
    private const int PublishBatch = 100;

    /// <summary>Records pushed through publish → deliver → ack in the setup, before BenchmarkDotNet's own warm-up.</summary>
    private const int WarmupRecords = 30_000;
    private const string Schema = "prom_bus";
    private static readonly TimeSpan s_ackWait = TimeSpan.FromSeconds(60);
    private static readonly byte[] s_payload = """{"pid":1234,"name":"stt"}"""u8.ToArray();
    private readonly SemaphoreSlim _acked = new(0);
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _loops = [];
    private string _connection = null!;
    private PostgresBusStore _store = null!;
    private EventBus _bus = null!;
    private Process _child = null!;
    private Thread _childReader = null!;
    private List<PublishRequest> _batch = null!;
    private NpgsqlDataSource _raw = null!;
    private long _rawOffset;

    [GlobalSetup]
    public void Setup() => SetupAsync().GetAwaiter().GetResult();

    private async Task SetupAsync()
    {
        _connection = PostgresTestDatabase.Create("prom_bench_e2e");
        _store = await PostgresBusStore.OpenAsync(new PostgresBusStoreOptions { ConnectionString = _connection, Schema = Schema });
        _bus = new EventBus(_store);
        await _bus.CreateTopicAsync(new TopicConfig(PostgresBenchChild.Topic, Partitions: PostgresBenchChild.Partitions));
        _batch = [];
        for (int i = 0; i < PublishBatch; i++)
        {
            _batch.Add(new PublishRequest(PostgresBenchChild.Topic, s_payload) { Key = "k" + i });
        }

        for (int c = 0; c < LocalConsumers; c++)
        {
            Subscription sub = await _bus.SubscribeAsync(PostgresBenchChild.Topic, PostgresBenchChild.Group, PostgresBenchChild.Subscription);
            _loops.Add(Task.Run(() => ConsumeAsync(sub)));
        }

        StartChild();
        _raw = NpgsqlDataSource.Create(_connection);
        await using NpgsqlCommand create = _raw.CreateCommand("CREATE TABLE raw_round_trip(offs bigint PRIMARY KEY, id uuid NOT NULL, payload bytea NOT NULL)");
        await create.ExecuteNonQueryAsync();

        // Both processes run the pipeline before anything is measured: the consumer child starts in this setup, and with
        // `--job short` BenchmarkDotNet's own warm-up (3 iterations) ends while tiered compilation of the two processes is
        // still busy (perf, session 14: the two `.NET Tiered Compilation` threads took 26 % of the machine's samples during
        // the measured iterations, and the per-record time fell from ~150 us to ~108 us only after about 7 iterations).
        for (int i = 0; i < WarmupRecords / ThroughputRecords; i++)
        {
            await Throughput();
        }
    }

    private void StartChild()
    {
        string dll = Path.Combine(Path.GetDirectoryName(typeof(PostgresBenchChild).Assembly.Location)!, "Prom.Bus.CrashChild.dll");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string a in new[] { "exec", dll, "pg-bench-consume", _connection, Schema, ChildConsumers.ToString(System.Globalization.CultureInfo.InvariantCulture) })
        {
            psi.ArgumentList.Add(a);
        }

        _child = Process.Start(psi) ?? throw new InvalidOperationException("could not start " + dll);
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _childReader = new Thread(() =>
        {
            while (_child.StandardOutput.ReadLine() is { } line)
            {
                if (line == "A")
                {
                    _acked.Release();
                }
                else if (line == "READY")
                {
                    ready.TrySetResult();
                }
            }

            ready.TrySetException(new InvalidOperationException($"the consumer child exited ({dll})"));
        }) { IsBackground = true, Name = "pg-bench-child-stdout" };
        _childReader.Start();
        if (!ready.Task.Wait(TimeSpan.FromSeconds(60)))
        {
            throw new TimeoutException("the consumer child did not report READY within 60 s");
        }
    }

    [GlobalCleanup]
    public void Cleanup() => CleanupAsync().GetAwaiter().GetResult();

    private async Task CleanupAsync()
    {
        _child.StandardInput.Close();
        if (!_child.WaitForExit(10_000))
        {
            _child.Kill(entireProcessTree: true);
        }

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
        await _raw.DisposeAsync();
    }

    /// <summary>The raw floor: one durable INSERT transaction, then a SELECT of that row.</summary>
    [Benchmark(Baseline = true)]
    public async Task<object> RawInsertThenSelect()
    {
        long offs = ++_rawOffset;
        await using (NpgsqlCommand insert = _raw.CreateCommand("INSERT INTO raw_round_trip(offs, id, payload) VALUES($1, $2, $3)"))
        {
            insert.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offs });
            insert.Parameters.Add(new NpgsqlParameter<Guid> { TypedValue = Guid.CreateVersion7() });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = s_payload });
            await insert.ExecuteNonQueryAsync();
        }

        await using NpgsqlCommand select = _raw.CreateCommand("SELECT payload FROM raw_round_trip WHERE offs=$1");
        select.Parameters.Add(new NpgsqlParameter<long> { TypedValue = offs });
        return (await select.ExecuteScalarAsync())!;
    }

    [Benchmark]
    public async Task RoundTrip()
    {
        await _bus.PublishAsync(_batch[0]);
        await WaitAcksAsync(1);
    }

    [Benchmark(OperationsPerInvoke = ThroughputRecords)]
    public async Task Throughput()
    {
        for (int i = 0; i < ThroughputRecords; i += PublishBatch)
        {
            await _bus.PublishBatchAsync(_batch);
        }

        await WaitAcksAsync(ThroughputRecords);
    }

    private async Task WaitAcksAsync(int count)
    {
        for (int i = 0; i < count; i++)
        {
            if (!await _acked.WaitAsync(s_ackWait))
            {
                throw new TimeoutException($"{count - i} of {count} records were not acked within {s_ackWait}");
            }
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
}
