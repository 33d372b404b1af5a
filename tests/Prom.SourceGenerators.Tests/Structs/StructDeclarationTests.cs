using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

public sealed class StructSmokeTests
{
    [Fact]
    public void Trail_CompilesCleanAndReportsItsLayout()
    {
        CompilationRun run = StructTestSource.Compile("""
            namespace Game;
            [Struct] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
            [Struct] public partial struct Trail
            {
                [Length(8)] public partial Span<Position> Pts { get; }
                public partial bool Active { get; set; }
            }
            """);
        run.AssertClean();
        using LoadedAssembly assembly = run.Load();
        var layout = assembly.StaticProperty<StructLayoutInfo>("Game.Trail", "Layout");
        Assert.Equal(68, layout.Size);
    }
}
