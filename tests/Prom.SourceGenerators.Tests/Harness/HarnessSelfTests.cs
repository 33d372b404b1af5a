using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel;
using Prom.SourceGenerators.Common;
using Prom.SourceGenerators.Structs;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Harness;

/// <summary>The harness's own assertions must be able to fail, or the tests built on them prove nothing.</summary>
public sealed class HarnessSelfTests
{
    private sealed record LeakyModel(string Name, object Payload);

    [Fact]
    public void ModelWalk_FindsASymbolHiddenInAModel()
    {
        INamedTypeSymbol symbol = RoslynHarness.CreateCompilation("class C { }").GetTypeByMetadataName("C")!;
        var model = new LeakyModel("x", new[] { new LeakyModel("inner", symbol) });
        string finding = Assert.Single(CachingAssert.ForbiddenObjects(model, "Step"));
        Assert.Contains("holds a", finding);
        Assert.Contains("Payload[0].Payload", finding);
    }

    [Fact]
    public void ModelWalk_AcceptsPureValues()
    {
        var model = new LeakyModel("x", new[] { 1, 2, 3 }.ToEquatableArray());
        Assert.Empty(CachingAssert.ForbiddenObjects(model, "Step"));
    }

    [Fact]
    public void CachingAssert_FailsWhenTheEditChangesAModel()
    {
        // Editing the nested struct must regenerate the struct that embeds its layout: the assertion has to fail.
        const string position = "namespace Game; [Prom.Struct] public partial struct Position { public partial float X { get; set; } }";
        const string trail = "namespace Game; [Prom.Struct] public partial struct Trail { public partial Position P { get; set; } }";
        var compilation = RoslynHarness.CreateCompilation(position, trail);
        GeneratorDriver driver = RoslynHarness.CreateDriver(new[] { new StructGenerator() }, trackSteps: true).RunGenerators(compilation);

        SyntaxTree oldTree = compilation.SyntaxTrees.First();
        var edited = compilation.ReplaceSyntaxTree(oldTree, oldTree.WithChangedText(Microsoft.CodeAnalysis.Text.SourceText.From(
            "namespace Game; [Prom.Struct] public partial struct Position { public partial double X { get; set; } }")));
        GeneratorRunResult result = driver.RunGenerators(edited).GetRunResult().Results.Single();
        var reasons = result.TrackedSteps[TrackingNames.StructModels].SelectMany(s => s.Outputs).Select(o => o.Reason).ToList();
        Assert.Contains(IncrementalStepRunReason.Modified, reasons);
        string regenerated = result.GeneratedSources.Single(s => s.HintName == "Game.Trail.Struct.g.cs").SourceText.ToString();
        Assert.Contains("\\\"<f8\\\"", regenerated); // the nested leaf is now a double in Trail's dtype
    }
}
