using Prom;

namespace Prom.Benchmarks.Topics;

/// <summary>Version 1 of the upcast benchmark topic: the heartbeat (memory in MB).</summary>
[Topic("bench.upcast", Version = 1, Key = nameof(Host))]
public sealed record BenchUpcastV1(int Pid, string Name, string Host, double CpuPct, long MemMb);

/// <summary>Version 2 renames mem_mb to mem_mib (not compatible): records of version 1 reach it through the upcaster.</summary>
[Topic("bench.upcast", Version = 2, Compat = Compatibility.None, Key = nameof(Host))]
public sealed record BenchUpcastV2(int Pid, string Name, string Host, double CpuPct, long MemMib)
{
    /// <summary>MB → MiB.</summary>
    [Upcaster]
    public static BenchUpcastV2 FromV1(BenchUpcastV1 v1) => new(v1.Pid, v1.Name, v1.Host, v1.CpuPct, v1.MemMb * 1_000_000 / 1_048_576);
}

/// <summary>Version 3 adds an optional member (Full): it reads version-2 bytes directly.</summary>
[Topic("bench.upcast", Version = 3, Compat = Compatibility.Full, Key = nameof(Host))]
public sealed record BenchUpcastV3(int Pid, string Name, string Host, double CpuPct, long MemMib, string? Zone = null);
