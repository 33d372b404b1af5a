using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.SourceGenerators.Common;
using Prom.SourceGenerators.Topics;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Topics;

public sealed class TopicUpcastGeneratorTests
{
    // v1 → v2 renames mem_mb (Compat = None, upcaster in a separate class); v2 → v3 adds an optional member (Full);
    // another topic has a single version (no reads file).
    internal const string Versions = """
        using Prom;
        namespace Ops;

        [Topic("heartbeat.received", Version = 1, Key = nameof(Host))]
        public sealed record HeartbeatV1(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMb);

        [Topic("heartbeat.received", Version = 2, Compat = Compatibility.None, Key = nameof(Host))]
        public sealed record HeartbeatV2(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMib);

        [Topic("heartbeat.received", Version = 3, Compat = Compatibility.Full, Key = nameof(Host))]
        public sealed record HeartbeatV3(int Pid, string Name, string Host, double CpuPct, [SafeInteger] long MemMib, string? Zone = null);

        [Topic("process.exited")]
        public sealed record Exited(int Pid);

        public static class HeartbeatUpcasters
        {
            [Upcaster]
            public static HeartbeatV2 ToV2(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.Host, v1.CpuPct, v1.MemMb * 1_000_000 / 1_048_576);
        }
        """;

    private const string Probe = """
        namespace Ops;

        public static class Probe
        {
            public static string ReadV1AsV3(string json)
            {
                HeartbeatV3 v3 = HeartbeatV3Topic.ReadVersion(1, System.Text.Encoding.UTF8.GetBytes(json));
                return $"{v3.Pid}|{v3.MemMib}|{v3.Zone ?? "none"}|{string.Join(",", HeartbeatV3Topic.ReadableVersions)}|{string.Join(",", HeartbeatV1Topic.ReadableVersions)}|{string.Join(",", ExitedTopic.ReadableVersions)}";
            }
        }
        """;

    private static readonly Lazy<CompilationRun> s_run = new(() => TopicTestSource.CompileOnly(Versions, Probe).AssertClean());

    [Fact]
    public void VersionsReadingOthers_GetAReadsPartAndLoneVersionsDoNot()
    {
        Assert.Equal(
            new[] { "Ops.HeartbeatV2.TopicReads.g.cs", "Ops.HeartbeatV3.TopicReads.g.cs" },
            s_run.Value.GeneratedSources.Keys.Where(k => k.Contains("TopicReads", StringComparison.Ordinal)).OrderBy(k => k, StringComparer.Ordinal));
    }

    [Fact]
    public void GeneratedChain_UpcastsAV1RecordToV3AndListsReadableVersions()
    {
        string result = s_run.Value.Load().Invoke<string>("Ops.Probe", "ReadV1AsV3", "{\"pid\":7,\"name\":\"a\",\"host\":\"h\",\"cpu_pct\":1.5,\"mem_mb\":2048}");
        Assert.Equal("7|1953|none|1,2,3|1|1", result); // v1 reads only itself: v2 is not forward compatible
    }

    [Fact]
    public void UnrelatedEdit_LeavesUpcasterAndPlanStepsCached()
    {
        IReadOnlyDictionary<string, int> outputs = CachingAssert.UnrelatedEditKeepsEveryStepCached(
            new[] { Versions },
            "namespace Elsewhere; public static class Unrelated { public static int Answer() => 42; }",
            new TopicGenerator());
        // four versions, the registry, one upcaster, two plans, the assembly
        Assert.Equal(4, outputs[TrackingNames.TopicModels]);
        Assert.Equal(1, outputs[TrackingNames.TopicRegistry]);
        Assert.Equal(1, outputs[TopicTrackingNames.TopicUpcasters]);
        Assert.Equal(2, outputs[TopicTrackingNames.TopicReadPlans]);
        Assert.Equal(1, outputs[TopicTrackingNames.TopicAssembly]);
    }
}
