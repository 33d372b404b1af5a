using Prom;

namespace Prom.Sample;

// The sample's bus topics, declared once with [Topic]: the generator emits their schemas, codecs, typed clients, the
// upcaster chain and the AsyncAPI document; the analyzers check names, versions and compatibility at compile time.

/// <summary>Version 1 of a process heartbeat, as older agents still publish it (memory in MB, 10^6 bytes).</summary>
[Topic("heartbeat.received", Version = 1, Partitions = 4, Key = nameof(Name))]
public sealed record HeartbeatV1(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMb);

/// <summary>
/// Version 2: memory in MiB (2^20 bytes) under a new name. Renaming a required member is not compatible in either
/// direction (so Compat = None), and the upcaster below carries version-1 records to version-2 consumers.
/// </summary>
[Topic("heartbeat.received", Version = 2, Compat = Compatibility.None, Partitions = 4, Key = nameof(Name))]
public sealed record HeartbeatV2(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMib)
{
    /// <summary>v1 → v2: MB to MiB, rounded down; everything else carries over.</summary>
    [Upcaster]
    public static HeartbeatV2 FromV1(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.Host, v1.CpuPct, v1.MemMb * 1_000_000 / 1_048_576);
}

/// <summary>The latest known state of a process, as the projector publishes it (compacted: latest per key).</summary>
[Topic("process.state.snapshot", Version = 1, Compaction = true, Key = nameof(Name))]
public sealed record ProcessState(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMib, int Beats, int UpcastBeats);
