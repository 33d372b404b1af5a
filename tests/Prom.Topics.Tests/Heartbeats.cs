using Prom;

namespace Prom.Topics.Tests;

// Three versions of one topic: v1 → v2 renames mem_mb to mem_mib (not compatible: an [Upcaster] carries old records);
// v2 → v3 adds an optional zone under Full (v3 reads v2 records and v2 consumers read v3 records, no upcaster needed).

[Topic("heartbeat.received", Version = 1, Partitions = 2, Key = nameof(Host))]
public sealed record HeartbeatV1(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMb);

[Topic("heartbeat.received", Version = 2, Compat = Compatibility.None, Partitions = 2, Key = nameof(Host))]
public sealed record HeartbeatV2(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMib)
{
    /// <summary>MB (10^6 bytes) to MiB (2^20 bytes), rounded down.</summary>
    [Upcaster]
    public static HeartbeatV2 FromV1(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.Host, v1.CpuPct, v1.MemMb * 1_000_000 / (1024 * 1024));
}

[Topic("heartbeat.received", Version = 3, Compat = Compatibility.Full, Partitions = 2, Key = nameof(Host))]
public sealed record HeartbeatV3(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMib, string? Zone = null);
