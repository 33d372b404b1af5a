using System.Threading.Tasks;
using Prom.Analyzers.Topics;
using Prom.SourceGenerators.Topics;
using Prom.Testing.Verifiers;
using Xunit;

namespace Prom.SourceGenerators.Tests.Topics;

/// <summary>Generated topic classes, reads parts and registry compared with golden files (see <see cref="Golden"/>).</summary>
public sealed class TopicGoldenTests
{
    [Fact]
    public Task Payloads_MatchGoldenFiles() => Verify("Payloads", TopicTestSource.Payloads);

    [Fact]
    public Task VersionsWithUpcasters_MatchGoldenFiles() => Verify("Upcasts", TopicUpcastGeneratorTests.Versions);

    [Fact]
    public Task Enums_MatchGoldenFiles() => Verify("Enums", TopicEnumCodecTests.Declarations);

    private static Task Verify(string caseName, string source)
    {
        PromGeneratorTest test = Golden.Test(new[] { source }, TopicTestSource.RuntimeReferences, typeof(TopicGenerator));
        test.Analyzers.Add(new TopicAnalyzer()); // silent: the cases are valid (Payloads silences its PROM0311 warnings)
        return Golden.VerifyAsync("Topics", caseName, test);
    }
}
