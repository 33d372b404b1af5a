using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bus.Sqlite;
using Prom.Bus.Stores;
using Xunit;
using Xunit.Abstractions;

namespace Prom.Bus.Tests.Sqlite;

/// <summary>
/// Real processes publishing and consuming on one SQLite file, killed with SIGKILL at random moments. After every
/// kill: no confirmed publish is lost and no watermark passed a record that was not acked. After a final drain:
/// every record reached every group at least once.
/// </summary>
public sealed class CrashSafetyTests(ITestOutputHelper output) : IDisposable
{
    private const int Kills = 10;
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-crash-").FullName;

    [Fact]
    public async Task ChildKilledWithSigkillRepeatedly_LosesNoConfirmedPublish_AndNoWatermarkPassesAnUnackedRecord()
    {
        string db = Path.Combine(_dir, "crash.db");
        var confirmed = new HashSet<string>(StringComparer.Ordinal);
        var acking = CrashChild.Program.Groups.ToDictionary(g => g, _ => new HashSet<string>(StringComparer.Ordinal));
        var random = new Random(12345);

        for (int kill = 0; kill < Kills; kill++)
        {
            List<string> lines = await RunChildAsync("run", db, killAfterMs: random.Next(250, 900));
            Absorb(lines, confirmed, acking);
            await AssertInvariantsAsync(db, confirmed, acking, $"after kill {kill + 1}");
        }

        Assert.True(confirmed.Count > 50, $"only {confirmed.Count} confirmed publishes; the children barely ran");
        List<string> drained = await RunChildAsync("drain", db, killAfterMs: null);
        Assert.Contains("DRAINED", drained);
        Absorb(drained, confirmed, acking);
        await AssertInvariantsAsync(db, confirmed, acking, "after the drain");

        await using var store = new SqliteBusStore(db);
        List<EventRecord> all = await ReadAllAsync(store);
        foreach (string g in CrashChild.Program.Groups)
        {
            string[] missing = all.Where(r => !acking[g].Contains(r.Id)).Select(r => r.Id).ToArray();
            Assert.True(missing.Length == 0, $"group {g} never received {missing.Length} records, e.g. {missing.FirstOrDefault()}");
        }

        output.WriteLine($"{Kills} kills, {confirmed.Count} confirmed publishes, {all.Count} records in the log");
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static void Absorb(List<string> lines, HashSet<string> confirmed, Dictionary<string, HashSet<string>> acking)
    {
        foreach (string line in lines)
        {
            string[] parts = line.Split(' ');
            if (parts is ["P", string id])
            {
                confirmed.Add(id);
            }
            else if (parts is ["K", string group, string kid])
            {
                acking[group].Add(kid);
            }
        }
    }

    private static async Task AssertInvariantsAsync(string db, HashSet<string> confirmed, Dictionary<string, HashSet<string>> acking, string when)
    {
        await using var store = new SqliteBusStore(db);
        foreach (string id in confirmed)
        {
            Assert.True(await store.FindByIdAsync(id) is not null, $"{when}: confirmed publish {id} is missing from the store");
        }

        List<EventRecord> all = await ReadAllAsync(store);
        foreach (string g in CrashChild.Program.Groups)
        {
            IReadOnlyList<GroupPartitionState> states = await store.GetGroupStateAsync(CrashChild.Program.Topic, g);
            foreach (GroupPartitionState s in states)
            {
                EventRecord? passed = all.FirstOrDefault(r => r.Partition == s.Partition && r.Offset <= s.Watermark && !acking[g].Contains(r.Id));
                Assert.True(passed is null, $"{when}: watermark {s.Watermark} of {g} on partition {s.Partition} passed offset {passed?.Offset}, which was never acked");
                Assert.True(s.Watermark <= s.Head, $"{when}: watermark beyond head");
            }
        }
    }

    private static async Task<List<EventRecord>> ReadAllAsync(SqliteBusStore store)
    {
        var all = new List<EventRecord>();
        for (int p = 0; p < 2; p++)
        {
            all.AddRange(await store.ReadAsync(CrashChild.Program.Topic, p, 1, int.MaxValue));
        }

        return all;
    }

    private static async Task<List<string>> RunChildAsync(string mode, string db, int? killAfterMs)
    {
        string childDll = Path.Combine(AppContext.BaseDirectory, "Prom.Bus.CrashChild.dll");
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add("exec");
        psi.ArgumentList.Add(childDll);
        psi.ArgumentList.Add(mode);
        psi.ArgumentList.Add(db);
        using Process child = Process.Start(psi)!;
        var lines = new List<string>();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Task reader = Task.Run(async () =>
        {
            while (await child.StandardOutput.ReadLineAsync() is { } line)
            {
                lines.Add(line);
                if (line == "READY")
                {
                    ready.TrySetResult();
                }
            }
        });
        Task<string> errors = child.StandardError.ReadToEndAsync();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(20));
            if (killAfterMs is { } ms)
            {
                await Task.Delay(ms);
                child.Kill(); // SIGKILL on Unix: no finally blocks, no flushes, no graceful anything
            }

            await child.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(45));
            await reader.WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (TimeoutException)
        {
            child.Kill();
            throw new Xunit.Sdk.XunitException($"child '{mode}' timed out; stderr: {await errors}");
        }

        if (killAfterMs is null)
        {
            Assert.True(child.ExitCode == 0, $"drain child exited {child.ExitCode}; stderr: {await errors}");
        }
        else
        {
            Assert.True(child.ExitCode != 0, "the child exited on its own instead of being killed");
        }

        return lines;
    }
}
