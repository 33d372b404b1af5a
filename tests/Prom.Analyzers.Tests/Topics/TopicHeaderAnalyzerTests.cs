using Prom.Analyzers.Topics;
using Prom.CodeFixes.Topics;
using Prom.Testing;
using Xunit;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicHeaderAnalyzerTests
{
    private const string Payload = "[Topic(\"heartbeat.received\")] public sealed record Heartbeat(int Pid);\n";

    private static string Publish(string headers) => Payload + $$"""
        public static class Sender
        {
            public static System.Threading.Tasks.ValueTask<Prom.Bus.EventRecord> Send(Prom.Bus.EventBus bus) =>
                HeartbeatTopic.CreateClient(bus).PublishAsync(new Heartbeat(1), headers: {{headers}});
        }
        """;

    [Fact]
    public void CorrelationIdInAnIndexerInitializer_ReportsPROM0301() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(Publish("new Dictionary<string, string> { [\"correlationId\"] = \"c-1\", [\"x-trace-id\"] = \"t\" }")),
        new ExpectedDiagnostic("PROM0301", "\"correlationId\"", "Header key 'correlationId' does not match", "'x-correlation-id'"));

    [Fact]
    public void CorrelationIdInACollectionInitializer_ReportsPROM0301() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(Publish("new Dictionary<string, string> { { \"correlationId\", \"c-1\" } }")),
        new ExpectedDiagnostic("PROM0301", "\"correlationId\"", "'correlationId'"));

    [Fact]
    public void CorrelationIdInAKeyValuePair_ReportsPROM0301() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(Publish("new Dictionary<string, string>(new[] { new KeyValuePair<string, string>(\"correlationId\", \"c-1\") })")),
        new ExpectedDiagnostic("PROM0301", "\"correlationId\"", "'correlationId'"));

    [Fact]
    public void ContentTypeAndSchemaVersion_AreAcceptedAndCompile() => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram(Publish(
            "new Dictionary<string, string> { [\"content-type\"] = \"application/json\", [\"x-schema-version\"] = \"1\", [\"x-trace-id\"] = \"t\" }")));

    [Fact]
    public void HeaderValuesAndOtherDictionaries_AreNotHeaderKeys() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours(Payload + """
            public static class Other
            {
                public static Dictionary<string, string> Unrelated() => new() { ["correlationId"] = "kept: not passed to a publish" };
                public static System.Threading.Tasks.ValueTask<Prom.Bus.EventRecord> Send(Prom.Bus.EventBus bus) =>
                    HeartbeatTopic.CreateClient(bus).PublishAsync(new Heartbeat(1), key: "correlationId", headers: new Dictionary<string, string> { ["x-id"] = "correlationId" });
            }
            """));

    [Fact]
    public void CodeFix_AddsTheXPrefixInKebabCase()
    {
        // The fix harness compiles one document against the framework only, so a stand-in for the runtime client is
        // declared in source; the analyzer recognises it by metadata name, as it does the real one.
        const string source = """
            using System.Collections.Generic;
            namespace Prom.Topics
            {
                public sealed class TopicClient<T>
                {
                    public System.Threading.Tasks.Task PublishAsync(T payload, string? key = null, IReadOnlyDictionary<string, string>? headers = null) => System.Threading.Tasks.Task.CompletedTask;
                }
            }
            public static class Sender
            {
                public static System.Threading.Tasks.Task Send(Prom.Topics.TopicClient<int> client) =>
                    client.PublishAsync(1, headers: new Dictionary<string, string> { ["correlationId"] = "c-1" });
            }
            """;
        string fixedSource = CodeFixHarness.Apply(source, new TopicHeaderAnalyzer(), new NormalizeHeaderKeyCodeFix(), "PROM0301");
        Assert.Contains("[\"x-correlation-id\"] = \"c-1\"", fixedSource);
    }
}
