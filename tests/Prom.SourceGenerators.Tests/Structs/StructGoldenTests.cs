using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>Generated [Struct] code compared with golden files (see <see cref="Golden"/>).</summary>
public sealed class StructGoldenTests
{
    [Fact]
    public void Trail_MatchesGoldenFile() => AssertGolden("Trail", """
        namespace Game;
        [Struct] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct] public partial struct Trail
        {
            [Length(8)] public partial Span<Position> Pts { get; }
            public partial bool Active { get; set; }
        }
        """, "Game.Trail.Struct.g.cs");

    [Fact]
    public void PaddedHeader_MatchesGoldenFile() => AssertGolden("Header", """
        namespace Wire;
        [Struct(TrailingPadding = 2)] public partial struct Header
        {
            public partial byte Version { get; set; }
            [Pad(3)] public partial uint Length { get; set; }
            public partial ref readonly Half Scale { get; }
            [Length(3)] public partial ReadOnlySpan<bool> Flags { get; }
            public partial double Stamp { readonly get; set; }
        }
        """, "Wire.Header.Struct.g.cs");

    private static void AssertGolden(string name, string source, string hintName) =>
        Golden.AssertMatches("Structs", name, StructTestSource.Compile(source).AssertClean().Generated(hintName));
}
