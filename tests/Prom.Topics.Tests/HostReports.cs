using System.Collections.Generic;
using Prom;

namespace Prom.Topics.Tests;

public enum Stage { Idle, Busy }

/// <summary>A nested object type: not a [Topic] itself, read and written with the payload's rules.</summary>
public sealed record ProcessInfo(int Pid, string Name, Stage Stage, double? Load = null);

/// <summary>A nested struct.</summary>
public readonly record struct Sample([SafeInteger] long At, double Value);

/// <summary>Nested objects (required and nullable), and arrays and lists of scalars, nullable scalars, objects and structs.</summary>
[Topic("host.report", Key = nameof(Host))]
public sealed record HostReport(
    string Host,
    ProcessInfo Leader,
    ProcessInfo? Standby,
    IReadOnlyList<ProcessInfo> Processes,
    int[] Ports,
    List<string?> Tags,
    Sample[]? Samples = null,
    List<Sample?>? Gaps = null);
