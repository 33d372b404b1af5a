using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.Analyzers.Topics;
using Prom.SourceGenerators.Topics;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicUsageAnalyzerTests
{
    private const string Declared = "[Topic(\"heartbeat.received\")] public sealed record Heartbeat(int Pid);\n";

    private static Diagnostic[] Analyze(string body)
    {
        CompilationRun run = RoslynHarness.Run(
            new[] { TopicDiagnostics.Usings + "using Prom.Bus;\n" + Declared + "public static class Use\n{\n" + body + "\n}\n" },
            new IIncrementalGenerator[] { new TopicGenerator() },
            new DiagnosticAnalyzer[] { new TopicUsageAnalyzer() },
            TopicDiagnostics.Runtime);
        Assert.Empty(run.CompilerDiagnostics);
        return run.AnalyzerDiagnostics.ToArray();
    }

    [Fact]
    public void SubscribeToAnUndeclaredTopic_ReportsPROM0306() => DiagnosticAssert.Exactly(
        Analyze("public static object Run(EventBus bus) => bus.SubscribeAsync(\"orders.created\", \"billing\");"),
        new ExpectedDiagnostic("PROM0306", "\"orders.created\"", "Topic 'orders.created' is used as a string but no [Topic] payload declares it"));

    [Fact]
    public void PublishRequestsToAnUndeclaredTopic_ReportPROM0306() => DiagnosticAssert.Exactly(
        Analyze("""
            public static PublishRequest A() => PublishRequest.FromJson("orders.created", "{}");
            public static PublishRequest B() => new PublishRequest("orders.paid", new byte[] { 123, 125 });
            """),
        new ExpectedDiagnostic("PROM0306", "\"orders.created\"", "'orders.created'"),
        new ExpectedDiagnostic("PROM0306", "\"orders.paid\"", "'orders.paid'"));

    [Fact]
    public void DeclaredVersionedAndDlqTopics_AreSilent() => DiagnosticAssert.Exactly(
        Analyze("""
            public static object A(EventBus bus) => bus.SubscribeAsync("heartbeat.received", "monitor");
            public static PublishRequest B() => PublishRequest.FromJson("orders.created.v2", "{}");
            public static object C(EventBus bus) => bus.ReplayDlqAsync("heartbeat.received");
            public static object D(EventBus bus) => bus.SubscribeAsync("dlq.heartbeat.received", "ops");
            public static object E(EventBus bus, string computed) => bus.SubscribeAsync(computed, "ops");
            """));
}
