using System;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Prom.SourceGenerators.Structs;
using Xunit;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>Generated [Struct] code compared with golden files (see <see cref="Golden"/>).</summary>
public sealed class StructGoldenTests
{
    [Fact]
    public Task Trail_MatchesGoldenFiles() => Verify("Trail", """
        namespace Game;
        [Struct] public partial struct Position { public partial float X { get; set; } public partial float Y { get; set; } }
        [Struct] public partial struct Trail
        {
            [Length(8)] public partial Span<Position> Pts { get; }
            public partial bool Active { get; set; }
        }
        """);

    [Fact]
    public Task PaddedHeader_MatchesGoldenFiles() => Verify("Header", """
        namespace Wire;
        [Struct(TrailingPadding = 2)] public partial struct Header
        {
            public partial byte Version { get; set; }
            [Pad(3)] public partial uint Length { get; set; }
            public partial ref readonly Half Scale { get; }
            [Length(3)] public partial ReadOnlySpan<bool> Flags { get; }
            public partial double Stamp { readonly get; set; }
        }
        """);

    private static Task Verify(string caseName, string source) => Golden.VerifyAsync("Structs", caseName,
        Golden.Test(new[] { StructTestSource.Usings + source }, Array.Empty<MetadataReference>(), typeof(StructGenerator)));
}
