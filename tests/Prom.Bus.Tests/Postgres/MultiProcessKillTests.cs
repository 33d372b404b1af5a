using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Npgsql;
using Prom.Bus.Postgres;
using Prom.Testing.Postgres;
using Xunit;
using Xunit.Abstractions;
using Child = Prom.Bus.CrashChild.PostgresChild;

namespace Prom.Bus.Tests.Postgres;

/// <summary>
/// Two publisher and three consumer processes on one PostgreSQL schema; a random one is killed with SIGKILL at least
/// <see cref="MinKills"/> times (bounded by <see cref="KillPhase"/>) and restarted. After every kill, from the database:
/// no watermark of either group passed a record that no member handled. At the end: every confirmed publish is stored,
/// every stored record was handled by both groups (the ordered group's partitions moved to the live members after each
/// kill, or its watermarks could not have reached the heads).
/// </summary>
public sealed class MultiProcessKillTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int MinKills = 50;
    private const int Partitions = 4;
    private static readonly TimeSpan KillPhase = TimeSpan.FromSeconds(75);
    private static readonly string[] Groups = [Child.CompetingGroup, Child.OrderedGroup];

    private readonly string _schema = PostgresTestDatabase.NewSchema();
    private readonly ConcurrentDictionary<string, byte> _confirmed = new(StringComparer.Ordinal);
    private readonly List<ChildProcess> _children = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (ChildProcess c in _children)
        {
            c.Kill();
        }

        await PostgresTestDatabase.DropSchemaAsync(_schema);
    }

    [Fact]
    public async Task FiveProcessesKilledAtRandom_LoseNoConfirmedRecord_NoWatermarkPassesAnUnhandledRecord_AndBothGroupsGetEverything()
    {
        await using (PostgresBusStore setup = await PostgresBusStore.OpenAsync(Options()))
        {
            await setup.EnsureTopicAsync(new TopicConfig(Child.Topic, Partitions));
            await ExecAsync($"CREATE TABLE {_schema}.handled(grp text NOT NULL, id uuid NOT NULL, PRIMARY KEY(grp, id))");
        }

        string[] roles = ["pg-publish", "pg-publish", "pg-consume", "pg-consume", "pg-consume"];
        foreach (string role in roles)
        {
            _children.Add(Start(role));
        }

        var random = new Random(20261201);
        var clock = Stopwatch.StartNew();
        int kills = 0;
        while (kills < MinKills && clock.Elapsed < KillPhase)
        {
            await Task.Delay(random.Next(100, 400));

            for (int i = 0; i < _children.Count; i++)
            {
                if (_children[i].HasExited)
                {
                    // It died on its own (for example a connection timeout on a loaded machine): restart it like a killed one.
                    output.WriteLine($"{roles[i]} #{i} exited by itself");
                    _children[i] = Start(roles[i]);
                }
            }

            // Prefer running processes (READY printed), so most lives do some work; when none is up yet (a loaded
            // machine starts processes slowly) a starting one is killed: a crash during start-up is a case too.
            int[] running = Enumerable.Range(0, _children.Count).Where(i => _children[i].Ready.IsCompleted).ToArray();
            int victim = running.Length > 0 ? running[random.Next(running.Length)] : random.Next(_children.Count);
            _children[victim].Kill();
            await _children[victim].ExitedAsync();
            kills++;
            _children[victim] = Start(roles[victim]);
            await AssertNoWatermarkPassedAnUnhandledRecordAsync($"after kill {kills} ({roles[victim]} #{victim})");
        }

        Assert.True(kills >= MinKills, $"only {kills} kills in {KillPhase}");

        // Let the restarted processes run until the publishers confirmed some more records (bounded), so the drain below
        // also covers records published after the last kill.
        int before = _confirmed.Count;
        var settle = Stopwatch.StartNew();
        while (_confirmed.Count < before + 100 && settle.Elapsed < TimeSpan.FromSeconds(30))
        {
            await Task.Delay(100);
        }

        // Stop publishing, then let the three consumers drain both groups (bounded).
        _children[0].Kill();
        _children[1].Kill();
        await Task.WhenAll(_children[0].ExitedAsync(), _children[1].ExitedAsync());
        var drain = Stopwatch.StartNew();
        while (!await AllDrainedAsync())
        {
            Assert.True(drain.Elapsed < TimeSpan.FromSeconds(60), "the consumers did not drain both groups within 60 s after the kills");
            await Task.Delay(200);
        }

        await AssertNoWatermarkPassedAnUnhandledRecordAsync("after the drain");
        HashSet<string> stored = await IdsAsync($"SELECT id::text FROM {_schema}.events WHERE topic='{Child.Topic}'");
        string[] lost = _confirmed.Keys.Where(id => !stored.Contains(id)).ToArray();
        Assert.True(lost.Length == 0, $"{lost.Length} confirmed publishes are not stored, e.g. {lost.FirstOrDefault()}");
        foreach (string g in Groups)
        {
            HashSet<string> handled = await IdsAsync($"SELECT id::text FROM {_schema}.handled WHERE grp='{g}'");
            string[] missing = stored.Where(id => !handled.Contains(id)).ToArray();
            Assert.True(missing.Length == 0, $"group {g} never handled {missing.Length} records, e.g. {missing.FirstOrDefault()}");
        }

        Assert.True(_confirmed.Count >= 100, $"only {_confirmed.Count} confirmed publishes; the publishers barely ran");
        output.WriteLine($"{kills} kills in {clock.Elapsed.TotalSeconds:F0} s, {_confirmed.Count} confirmed publishes, {stored.Count} records stored");
    }

    private PostgresBusStoreOptions Options() => new() { ConnectionString = PostgresTestDatabase.ConnectionString, Schema = _schema, MaxPoolSize = 4 };

    /// <summary>
    /// Watermarks first, the handled rows second (a later snapshot): a member commits its handled row before its ack,
    /// and the ack is what moves a watermark, so every record at or below a watermark read first must have a row.
    /// </summary>
    private async Task AssertNoWatermarkPassedAnUnhandledRecordAsync(string when)
    {
        var watermarks = new List<(string Group, int Part, long Watermark)>();
        await using var conn = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await conn.OpenAsync();
        await using (var cmd = new NpgsqlCommand($"SELECT grp, part, watermark FROM {_schema}.cursors WHERE topic='{Child.Topic}'", conn))
        await using (NpgsqlDataReader r = await cmd.ExecuteReaderAsync())
        {
            while (await r.ReadAsync())
            {
                watermarks.Add((r.GetString(0), r.GetInt32(1), r.GetInt64(2)));
            }
        }

        foreach ((string group, int part, long wm) in watermarks)
        {
            await using var cmd = new NpgsqlCommand(
                $"SELECT e.offs FROM {_schema}.events e WHERE e.topic=$1 AND e.part=$2 AND e.offs<=$3 " +
                $"AND NOT EXISTS (SELECT 1 FROM {_schema}.handled h WHERE h.grp=$4 AND h.id=e.id) ORDER BY e.offs LIMIT 1", conn);
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Child.Topic });
            cmd.Parameters.Add(new NpgsqlParameter<int> { TypedValue = part });
            cmd.Parameters.Add(new NpgsqlParameter<long> { TypedValue = wm });
            cmd.Parameters.Add(new NpgsqlParameter<string> { TypedValue = group });
            object? passed = await cmd.ExecuteScalarAsync();
            if (passed is not null)
            {
                // Say whether the record was dead-lettered (its attempts used up by leases that expired) or settled by an ack.
                await using var dlq = new NpgsqlCommand(
                    $"SELECT count(*) FROM {_schema}.events e WHERE e.topic='dlq.{Child.Topic}' AND e.caused_by @> ARRAY[(SELECT id::text FROM {_schema}.events WHERE topic=$1 AND part=$2 AND offs=$3)]", conn);
                dlq.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Child.Topic });
                dlq.Parameters.Add(new NpgsqlParameter<int> { TypedValue = part });
                dlq.Parameters.Add(new NpgsqlParameter<long> { TypedValue = (long)passed });
                long dead = (long)(await dlq.ExecuteScalarAsync())!;
                Assert.Fail($"{when}: watermark {wm} of {group} on partition {part} passed offset {passed}, which no member handled ({dead} DLQ entries for it)");
            }
        }
    }

    private async Task<bool> AllDrainedAsync()
    {
        await using var conn = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(
            $"SELECT count(*) FROM {_schema}.cursors c JOIN {_schema}.partitions p ON p.topic=c.topic AND p.part=c.part " +
            $"WHERE c.topic='{Child.Topic}' AND c.watermark < p.next_offs - 1", conn);
        long behind = (long)(await cmd.ExecuteScalarAsync())!;
        await using var groups = new NpgsqlCommand($"SELECT count(DISTINCT grp) FROM {_schema}.cursors WHERE topic='{Child.Topic}'", conn);
        return behind == 0 && (long)(await groups.ExecuteScalarAsync())! == Groups.Length;
    }

    private async Task<HashSet<string>> IdsAsync(string sql)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await using var conn = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await using NpgsqlDataReader r = await cmd.ExecuteReaderAsync();
        while (await r.ReadAsync())
        {
            ids.Add(r.GetString(0));
        }

        return ids;
    }

    private async Task ExecAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(PostgresTestDatabase.ConnectionString);
        await conn.OpenAsync();
        await using var cmd = new NpgsqlCommand(sql, conn);
        await cmd.ExecuteNonQueryAsync();
    }

    private ChildProcess Start(string role) => new(role, PostgresTestDatabase.ConnectionString, _schema, _confirmed);

    /// <summary>One child process; its <c>P</c> lines are collected as confirmed publishes while it runs.</summary>
    private sealed class ChildProcess
    {
        private readonly Process _process;
        private readonly Task _reader;
        private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public ChildProcess(string role, string connection, string schema, ConcurrentDictionary<string, byte> confirmed)
        {
            var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = false,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add("exec");
            psi.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Prom.Bus.CrashChild.dll"));
            psi.ArgumentList.Add(role);
            psi.ArgumentList.Add(connection);
            psi.ArgumentList.Add(schema);
            _process = Process.Start(psi)!;
            _reader = Task.Run(async () =>
            {
                while (await _process.StandardOutput.ReadLineAsync() is { } line)
                {
                    if (line.StartsWith("P ", StringComparison.Ordinal))
                    {
                        confirmed.TryAdd(line[2..], 0);
                    }
                    else if (line == "READY")
                    {
                        _ready.TrySetResult();
                    }
                }
            });
        }

        public bool HasExited => _process.HasExited;

        /// <summary>Completes when the process printed READY (its store is open and it runs).</summary>
        public Task Ready => _ready.Task;

        /// <summary>SIGKILL on Unix: no finally blocks, no graceful leave, open transactions die with the connection.</summary>
        public void Kill()
        {
            try
            {
                _process.Kill();
            }
            catch (InvalidOperationException)
            {
                // already exited
            }
        }

        /// <summary>Waits (bounded) for the exit and for every line the process wrote before it.</summary>
        public async Task ExitedAsync()
        {
            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(20));
            await _reader.WaitAsync(TimeSpan.FromSeconds(20));
        }
    }
}
