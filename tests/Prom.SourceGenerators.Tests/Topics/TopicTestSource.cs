using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Topics;
using Prom.SourceGenerators.Topics;
using Prom.Testing;

namespace Prom.SourceGenerators.Tests.Topics;

/// <summary>Topic payloads used by the generator tests, and a compile helper with the topic runtime referenced.</summary>
internal static class TopicTestSource
{
    public const string Payloads = """
        using System;
        using System.Text.Json.Serialization;
        using Prom;
        namespace Ops;

        public enum Health : byte { Unknown, Ok, Degraded }

        [Topic("heartbeat.received", Version = 1, Partitions = 4, RetentionDays = 7, Key = nameof(Host))]
        public sealed record HeartbeatV1(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMb);

        // decimal and ulong.MaxValue are exact only in C#; these topics test those codecs, so PROM0311 is silenced here.
        #pragma warning disable PROM0311
        [Topic("process.exited", Version = 2)]
        public readonly record struct Exited(int Pid, string Reason = "unknown \"signal\"", double Code = -1.5, Health Health = Health.Ok, Guid? Run = null, decimal Cost = 0.25m);

        [Topic("process.state.snapshot", Compat = Compatibility.Full, Compaction = true, Key = nameof(Id))]
        public sealed class Snapshot
        {
            public Guid Id { get; init; }
            public string? Note { get; set; }
            public Health State { get; set; }
            public DateTimeOffset At { get; set; }
            public int? ExitCode { get; set; }
            public bool Alive { get; set; }
            public decimal Cost { get; set; }
            public float Load { get; set; }
            public short Delta { get; set; }
            public ushort Port { get; set; }
            [JsonPropertyName("tick")] public ulong Ticks { get; set; }
            public Health? Previous { get; set; }
            public int Retries { get; set; } = 3;
            [JsonIgnore] public string Display => Note ?? "";
        }
        #pragma warning restore PROM0311
        """;

    /// <summary>The runtime assemblies a user project of the topic package compiles against.</summary>
    public static IEnumerable<MetadataReference> RuntimeReferences { get; } = new[]
    {
        typeof(Prom.Topics.TopicClient<>).Assembly.Location,
        typeof(Prom.Bus.EventBus).Assembly.Location,
        typeof(Microsoft.Extensions.DependencyInjection.IServiceCollection).Assembly.Location,
        typeof(Microsoft.Extensions.Logging.ILogger).Assembly.Location,
    }.Select(path => (MetadataReference)MetadataReference.CreateFromFile(path)).ToArray();

    /// <summary>Compiles only <paramref name="sources"/> (not <see cref="Payloads"/>) with the topic generator and analyzer.</summary>
    public static CompilationRun CompileOnly(params string[] sources) => RoslynHarness.Run(
        sources,
        new IIncrementalGenerator[] { new TopicGenerator() },
        new DiagnosticAnalyzer[] { new TopicAnalyzer() },
        RuntimeReferences);

    public static CompilationRun Compile(params string[] extraSources) => RoslynHarness.Run(
        new[] { Payloads }.Concat(extraSources),
        new IIncrementalGenerator[] { new TopicGenerator() },
        new DiagnosticAnalyzer[] { new TopicAnalyzer() },
        RuntimeReferences);
}
