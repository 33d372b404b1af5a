using Prom.Analyzers.Topics;
using Prom.CodeFixes.Topics;
using Prom.Testing;
using Xunit;

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
    public void InvalidName_ReportsPROM0300OnTheLiteral(string name) => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours($"[Topic(\"{name}\")] public sealed record Ping(int Seq);"),
        new ExpectedDiagnostic("PROM0300", $"\"{name}\"", $"Topic name '{name}' on 'Ping' does not match"));

    [Fact]
    public void NullName_ReportsPROM0300() => DiagnosticAssert.Exactly(
        TopicDiagnostics.Ours("[Topic(null!)] public sealed record Ping(int Seq);"),
        new ExpectedDiagnostic("PROM0300", "null!", "The topic name on 'Ping' is null"));

    [Theory]
    [InlineData("heartbeat.received")]
    [InlineData("process.state.snapshot")]
    [InlineData("dlq.heartbeat.received")]
    [InlineData("foo.bar.v2")]
    [InlineData("x")]
    public void ValidName_IsSilentAndCompiles(string name) => DiagnosticAssert.Exactly(
        TopicDiagnostics.OursOnCleanProgram($"[Topic(\"{name}\")] public sealed record Ping(int Seq);"));

    [Fact]
    public void CodeFix_ReplacesTheNameWithItsNormalizedForm()
    {
        const string prefix = "using Prom;\n";
        string fixedSource = CodeFixHarness.Apply(
            prefix + "[Topic(\"changelog:Processes\", Version = 2)] public sealed record Ping(int Seq);",
            new TopicAnalyzer(), new NormalizeTopicNameCodeFix(), "PROM0300");
        Assert.Contains("[Topic(\"changelog.processes\", Version = 2)]", fixedSource);
        DiagnosticAssert.Exactly(TopicDiagnostics.Ours(fixedSource.Substring(prefix.Length)));
    }
}
