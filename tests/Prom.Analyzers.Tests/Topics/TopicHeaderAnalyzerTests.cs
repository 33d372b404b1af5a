using System.Threading.Tasks;
using Prom.CodeFixes.Topics;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicHeaderAnalyzerTests
{
    private const string Payload = "[Topic(\"heartbeat.received\")] public sealed record Heartbeat(int Pid);\n";

    private const string CorrelationIdMessage =
        "Header key 'correlationId' does not match ^x-[a-z0-9-]+$ and is not 'content-type'; custom headers start with 'x-', e.g. 'x-correlation-id'";

    private static string Publish(string headers) => Payload + $$"""
        public static class Sender
        {
            public static System.Threading.Tasks.ValueTask<Prom.Bus.EventRecord> Send(Prom.Bus.EventBus bus) =>
                HeartbeatTopic.CreateClient(bus).PublishAsync(new Heartbeat(1), headers: {{headers}});
        }
        """;

    [Fact]
    public Task CorrelationIdInAnIndexerInitializer_ReportsPROM0301() => TopicVerifier.VerifyAsync(
        Publish("new Dictionary<string, string> { [{|#0:\"correlationId\"|}] = \"c-1\", [\"x-trace-id\"] = \"t\" }"),
        Diagnostic("PROM0301", 0, CorrelationIdMessage));

    [Fact]
    public Task CorrelationIdInACollectionInitializer_ReportsPROM0301() => TopicVerifier.VerifyAsync(
        Publish("new Dictionary<string, string> { { {|#0:\"correlationId\"|}, \"c-1\" } }"),
        Diagnostic("PROM0301", 0, CorrelationIdMessage));

    [Fact]
    public Task CorrelationIdInAKeyValuePair_ReportsPROM0301() => TopicVerifier.VerifyAsync(
        Publish("new Dictionary<string, string>(new[] { new KeyValuePair<string, string>({|#0:\"correlationId\"|}, \"c-1\") })"),
        Diagnostic("PROM0301", 0, CorrelationIdMessage));

    [Fact]
    public Task ContentTypeAndSchemaVersion_AreAcceptedAndCompile() => TopicVerifier.VerifyAsync(Publish(
        "new Dictionary<string, string> { [\"content-type\"] = \"application/json\", [\"x-schema-version\"] = \"1\", [\"x-trace-id\"] = \"t\" }"));

    [Fact]
    public Task HeaderValuesAndOtherDictionaries_AreNotHeaderKeys() => TopicVerifier.VerifyAsync(Payload + """
        public static class Other
        {
            public static Dictionary<string, string> Unrelated() => new() { ["correlationId"] = "kept: not passed to a publish" };
            public static System.Threading.Tasks.ValueTask<Prom.Bus.EventRecord> Send(Prom.Bus.EventBus bus) =>
                HeartbeatTopic.CreateClient(bus).PublishAsync(new Heartbeat(1), key: "correlationId", headers: new Dictionary<string, string> { ["x-id"] = "correlationId" });
        }
        """);

    [Fact]
    public Task CodeFix_AddsTheXPrefixInKebabCase() => TopicVerifier.CodeFix<NormalizeHeaderKeyCodeFix>(
        Publish("new Dictionary<string, string> { [{|PROM0301:\"correlationId\"|}] = \"c-1\" }"),
        Publish("new Dictionary<string, string> { [\"x-correlation-id\"] = \"c-1\" }")).RunAsync();

    [Fact]
    public Task CodeFix_FixAllNormalizesEveryKey()
    {
        var test = TopicVerifier.CodeFix<NormalizeHeaderKeyCodeFix>(
            Publish("new Dictionary<string, string> { [{|PROM0301:\"correlationId\"|}] = \"c-1\", [{|PROM0301:\"TraceId\"|}] = \"t\" }"),
            Publish("new Dictionary<string, string> { [\"x-correlation-id\"] = \"c-1\", [\"x-trace-id\"] = \"t\" }"));
        test.BatchFixedCode = TopicVerifier.Usings + Publish("new Dictionary<string, string> { [\"x-correlation-id\"] = \"c-1\", [\"x-trace-id\"] = \"t\" }");
        return test.RunAsync();
    }
}
