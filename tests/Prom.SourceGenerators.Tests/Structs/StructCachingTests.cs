using Prom.CodeModel.Structs;
using Prom.SourceGenerators.Common;
using Prom.SourceGenerators.Structs;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

public sealed class StructCachingTests
{
    private const string Declarations = StructTestSource.Usings + """
        namespace Game;
        [Struct] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct] public partial struct Trail { [Length(8)] public partial Span<Position> Pts { get; } public partial bool Active { get; set; } }
        """;

    [Fact]
    public void UnrelatedEdit_LeavesEveryStepCached()
    {
        var outputs = CachingAssert.UnrelatedEditKeepsEveryStepCached(
            new[] { Declarations },
            "namespace Elsewhere; public static class Unrelated { public static int Answer() => 42; }",
            new StructGenerator());
        Assert.Equal(2, outputs[TrackingNames.StructModels]);
    }

    [Fact]
    public void Models_AreEqualWhenReadTwice()
    {
        // Equivalence: the same declarations give equal models, the precondition of caching.
        StructModel? first = ReadTrail(Declarations);
        StructModel? second = ReadTrail("// a comment changes nothing\n" + Declarations);
        Assert.NotNull(first);
        Assert.Equal(first, second);
        Assert.Equal(first!.GetHashCode(), second!.GetHashCode());
    }

    private static StructModel? ReadTrail(string source)
    {
        var compilation = RoslynHarness.CreateCompilation(source);
        var type = compilation.GetTypeByMetadataName("Game.Trail")!;
        return StructParser.Parse(type, default).Model;
    }
}
