using System;
using Prom;

namespace Prom.Benchmarks.Topics;

/// <summary>A wider payload: Guid, timestamps, enum, nullable, decimal and string members.</summary>
[Topic("bench.snapshot", Key = nameof(Id))]
public sealed class BenchSnapshot
{
    public Guid Id { get; init; }
    public string Name { get; set; } = "";
    public string? Note { get; set; }
    public BenchState State { get; set; }
    public DateTimeOffset At { get; set; }
    public int? ExitCode { get; set; }
    public bool Alive { get; set; }
    public decimal Cost { get; set; }
    public double Load { get; set; }
    public long Rss { get; set; }
}

/// <summary>Process state for <see cref="BenchSnapshot"/>.</summary>
public enum BenchState
{
    Starting,
    Running,
    Stopped,
}
