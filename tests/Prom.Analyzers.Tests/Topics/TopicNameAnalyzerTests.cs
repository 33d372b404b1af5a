using System.Threading.Tasks;
using Prom.CodeFixes.Topics;
using Xunit;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Topics;

public sealed class TopicNameAnalyzerTests
{
    [Theory]
    [InlineData("Foo.bar")]
    [InlineData("foo-bar")]
    [InlineData("foo_bar")]
    [InlineData("foo..bar")]
    [InlineData(".foo")]
    [InlineData("foo.")]
    [InlineData("changelog:processes")]
    public Task InvalidName_ReportsPROM0300OnTheLiteral(string name) => TopicVerifier.VerifyAsync(
        $"[Topic({{|#0:\"{name}\"|}})] public sealed record Ping(int Seq);",
        Diagnostic("PROM0300", 0, $"Topic name '{name}' on 'Ping' does not match ^[a-z0-9]+(\\.[a-z0-9]+)*(\\.v\\d+)?$; use dot-separated segments of lowercase letters and digits"));

    [Fact]
    public Task NullName_ReportsPROM0300() => TopicVerifier.VerifyAsync(
        "[Topic({|#0:null!|})] public sealed record Ping(int Seq);",
        Diagnostic("PROM0300", 0, "The topic name on 'Ping' is null; give [Topic] a name of dot-separated lowercase segments such as 'orders.created'"));

    [Theory]
    [InlineData("heartbeat.received")]
    [InlineData("process.state.snapshot")]
    [InlineData("dlq.heartbeat.received")]
    [InlineData("foo.bar.v2")]
    [InlineData("x")]
    public Task ValidName_IsSilentAndCompiles(string name) => TopicVerifier.VerifyAsync(
        $"[Topic(\"{name}\")] public sealed record Ping(int Seq);");

    [Fact]
    public Task CodeFix_ReplacesTheNameWithItsNormalizedForm() => TopicVerifier.CodeFix<NormalizeTopicNameCodeFix>(
        "[Topic({|PROM0300:\"changelog:Processes\"|}, Version = 2)] public sealed record Ping(int Seq);",
        "[Topic(\"changelog.processes\", Version = 2)] public sealed record Ping(int Seq);").RunAsync();

    [Fact]
    public Task CodeFix_FixAllNormalizesEveryName()
    {
        var test = TopicVerifier.CodeFix<NormalizeTopicNameCodeFix>(
            "[Topic({|PROM0300:\"Orders_Created\"|})] public sealed record A(int Seq);\n[Topic({|PROM0300:\"orders:paid\"|})] public sealed record B(int Seq);\n",
            "[Topic(\"orders.created\")] public sealed record A(int Seq);\n[Topic(\"orders.paid\")] public sealed record B(int Seq);\n");
        test.BatchFixedCode = TopicVerifier.Usings + "[Topic(\"orders.created\")] public sealed record A(int Seq);\n[Topic(\"orders.paid\")] public sealed record B(int Seq);\n";
        return test.RunAsync();
    }
}
