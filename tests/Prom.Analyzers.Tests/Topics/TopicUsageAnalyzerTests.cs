using System.Threading.Tasks;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Testing;
using Prom.Analyzers.Topics;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicUsageAnalyzerTests
{
    private const string Declared = "[Topic(\"heartbeat.received\")] public sealed record Heartbeat(int Pid);\n";

    private static Task VerifyAsync(string body, params DiagnosticResult[] expected) => TopicVerifier.VerifyAsync(
        new[] { "using Prom.Bus;\n" + Declared + "public static class Use\n{\n" + body + "\n}\n" },
        new DiagnosticAnalyzer[] { new TopicUsageAnalyzer() },
        expected);

    private static string Undeclared(string topic) =>
        $"Topic '{topic}' is used as a string but no [Topic] payload declares it, so its records have no schema; declare a [Topic] payload or use a versioned name ending in .vN";

    [Fact]
    public Task SubscribeToAnUndeclaredTopic_ReportsPROM0306() => VerifyAsync(
        "public static object Run(EventBus bus) => bus.SubscribeAsync({|#0:\"orders.created\"|}, \"billing\");",
        Diagnostic("PROM0306", 0, Undeclared("orders.created")));

    [Fact]
    public Task PublishRequestsToAnUndeclaredTopic_ReportPROM0306() => VerifyAsync(
        """
        public static PublishRequest A() => PublishRequest.FromJson({|#0:"orders.created"|}, "{}");
        public static PublishRequest B() => new PublishRequest({|#1:"orders.paid"|}, new byte[] { 123, 125 });
        """,
        Diagnostic("PROM0306", 0, Undeclared("orders.created")),
        Diagnostic("PROM0306", 1, Undeclared("orders.paid")));

    [Fact]
    public Task DeclaredVersionedAndDlqTopics_AreSilent() => VerifyAsync("""
        public static object A(EventBus bus) => bus.SubscribeAsync("heartbeat.received", "monitor");
        public static PublishRequest B() => PublishRequest.FromJson("orders.created.v2", "{}");
        public static object C(EventBus bus) => bus.ReplayDlqAsync("heartbeat.received");
        public static object D(EventBus bus) => bus.SubscribeAsync("dlq.heartbeat.received", "ops");
        public static object E(EventBus bus, string computed) => bus.SubscribeAsync(computed, "ops");
        """);
}
