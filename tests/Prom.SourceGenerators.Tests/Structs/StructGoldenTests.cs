using System;
using System.IO;
using Prom.Testing;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>
/// Generated code compared with golden files on disk (Golden/Structs/*.g.cs). After an intended change, refresh them
/// with <c>PROM_UPDATE_GOLDEN=1 dotnet test tests/Prom.SourceGenerators.Tests</c> and review the diff.
/// </summary>
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

    private static void AssertGolden(string name, string source, string hintName)
    {
        CompilationRun run = StructTestSource.Compile(source).AssertClean();
        string actual = run.Generated(hintName);
        string sourcePath = Path.Combine(ProjectDirectory(), "Golden", "Structs", name + ".g.cs");
        if (Environment.GetEnvironmentVariable("PROM_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(sourcePath, actual);
            return;
        }
        string expected = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Golden", "Structs", name + ".g.cs"));
        Assert.Equal(expected.ReplaceLineEndings("\n"), actual);
    }

    private static string ProjectDirectory([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetDirectoryName(Path.GetDirectoryName(path))!;
}
