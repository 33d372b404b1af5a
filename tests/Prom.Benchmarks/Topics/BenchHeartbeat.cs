using Prom;

namespace Prom.Benchmarks.Topics;

/// <summary>The heartbeat payload <c>{pid,name,host,cpu_pct,mem_mb}</c>.</summary>
[Topic("bench.heartbeat", Key = nameof(Host))]
public sealed record BenchHeartbeat(int Pid, string Name, string Host, double CpuPct, long MemMb);
