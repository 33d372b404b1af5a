using System;
using System.Collections.Generic;
using System.Text.Json.Serialization;
using Prom;

namespace Fleet;

/// <summary>Written as the member's name ("Ok"), in every language.</summary>
public enum Health { Down = -1, Unknown = 0, Ok = 1, Degraded = 2 }

/// <summary>A nested record, used in a list.</summary>
public sealed record Disk(string Mount, double UsedPct, [SafeInteger] long? FreeMb = null);

/// <summary>A nested record with a list of nullable strings and an enum.</summary>
public sealed record ProcessInfo(int Pid, string Name, List<string?> Args, Health Health);

/// <summary>Version 1: memory in MB.</summary>
[Topic("fleet.host.report", Version = 1, Key = nameof(Host))]
public sealed record HostReportV1(string Host, int Cpus, double CpuPct, [SafeInteger] long MemMb, Health Health, IReadOnlyList<Disk> Disks, ProcessInfo? Top, Guid BootId, DateTimeOffset At);

/// <summary>Version 2: memory in MiB under a new name (not compatible: Compat = None, so an upcaster), plus optional members.</summary>
[Topic("fleet.host.report", Version = 2, Compat = Compatibility.None, Key = nameof(Host))]
public sealed record HostReportV2(string Host, int Cpus, double CpuPct, [SafeInteger] long MemMib, Health Health, IReadOnlyList<Disk> Disks, ProcessInfo? Top, Guid BootId, DateTimeOffset At, string? Zone = null, int[]? Ports = null)
{
    /// <summary>v1 → v2: MB to MiB, rounded down.</summary>
    [Upcaster]
    public static HostReportV2 FromV1(HostReportV1 v1) =>
        new(v1.Host, v1.Cpus, v1.CpuPct, v1.MemMb * 1_000_000 / 1_048_576, v1.Health, v1.Disks, v1.Top, v1.BootId, v1.At);
}

/// <summary>JSON names that are not identifiers or are keywords in Python.</summary>
[Topic("fleet.alert", Key = nameof(Host))]
public sealed record Alert(
    string Host,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("alert-level")] Health Level,
    IReadOnlyList<Health?> History,
    bool Acknowledged = false);
