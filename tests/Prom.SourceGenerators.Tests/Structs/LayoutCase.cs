using System.Collections.Generic;
using System.Linq;

namespace Prom.SourceGenerators.Tests.Structs;

/// <summary>A leaf the test expects: its path, offset, and a C# expression (on a local <c>v</c>) that reads and writes it.</summary>
public sealed record ExpectedLeaf(string Path, int Offset, string Expression, string CSharpType);

/// <summary>One layout the issue fixes: a declaration and the size, alignment and leaf offsets it must have.</summary>
public sealed record LayoutCase(string TypeName, string Declaration, int Size, int Alignment, IReadOnlyList<ExpectedLeaf> Leaves)
{
    public override string ToString() => TypeName;

    /// <summary>Every case of the "must hold" list, with names unique in one compilation.</summary>
    public static IReadOnlyList<LayoutCase> All { get; } = new[]
    {
        new LayoutCase("Vec2", "[Struct] public partial struct Vec2 { public partial float X { get; set; } public partial float Y { get; set; } }", 8, 4,
            new[] { F("x", 0, "v.X"), F("y", 4, "v.Y") }),
        new LayoutCase("ByteFloat", "[Struct] public partial struct ByteFloat { public partial byte A { get; set; } public partial float B { get; set; } }", 8, 4,
            new[] { L("a", 0, "v.A", "byte"), F("b", 4, "v.B") }),
        new LayoutCase("ByteDouble", "[Struct] public partial struct ByteDouble { public partial byte A { get; set; } public partial double B { get; set; } }", 16, 8,
            new[] { L("a", 0, "v.A", "byte"), L("b", 8, "v.B", "double") }),
        new LayoutCase("DoubleByte", "[Struct] public partial struct DoubleByte { public partial double A { get; set; } public partial byte B { get; set; } }", 16, 8,
            new[] { L("a", 0, "v.A", "double"), L("b", 8, "v.B", "byte") }),
        new LayoutCase("ByteShortByte", "[Struct] public partial struct ByteShortByte { public partial byte A { get; set; } public partial ushort B { get; set; } public partial byte C { get; set; } }", 6, 2,
            new[] { L("a", 0, "v.A", "byte"), L("b", 2, "v.B", "ushort"), L("c", 4, "v.C", "byte") }),
        new LayoutCase("BoolIntBool", "[Struct] public partial struct BoolIntBool { public partial bool A { get; set; } public partial int B { get; set; } public partial bool C { get; set; } }", 12, 4,
            new[] { L("a", 0, "v.A", "bool"), L("b", 4, "v.B", "int"), L("c", 8, "v.C", "bool") }),
        new LayoutCase("Transform", "[Struct] public partial struct Transform { public partial ref Vec2 Pos { get; } public partial float Rot { get; set; } public partial float Scale { get; set; } }", 16, 4,
            new[] { F("pos.x", 0, "v.Pos.X"), F("pos.y", 4, "v.Pos.Y"), F("rot", 8, "v.Rot"), F("scale", 12, "v.Scale") }),
        new LayoutCase("Trail", "[Struct] public partial struct Trail { [Length(8)] public partial Span<Vec2> Pts { get; } public partial bool Active { get; set; } }", 68, 4,
            Enumerable.Range(0, 8).SelectMany(i => new[] { F($"pts[{i}].x", 8 * i, $"v.Pts[{i}].X"), F($"pts[{i}].y", (8 * i) + 4, $"v.Pts[{i}].Y") })
                .Append(L("active", 64, "v.Active", "bool")).ToArray()),
        new LayoutCase("PadThenFloat", "[Struct] public partial struct PadThenFloat { public partial byte A { get; set; } [Pad(3)] public partial float B { get; set; } }", 8, 4,
            new[] { L("a", 0, "v.A", "byte"), F("b", 4, "v.B") }),
        new LayoutCase("PadThenShort", "[Struct] public partial struct PadThenShort { public partial byte A { get; set; } [Pad(2)] public partial ushort B { get; set; } }", 6, 2,
            new[] { L("a", 0, "v.A", "byte"), L("b", 4, "v.B", "ushort") }),
        new LayoutCase("TrailingPad", "[Struct(TrailingPadding = 5)] public partial struct TrailingPad { public partial byte A { get; set; } }", 6, 1,
            new[] { L("a", 0, "v.A", "byte") }),
        new LayoutCase("Mixed", "[Struct] public partial struct Mixed { public partial sbyte A { get; set; } public partial Half H { get; set; } public partial long L { get; set; } [Length(3)] public partial Span<short> S { get; } public partial ulong U { get; set; } }", 32, 8,
            new[] { L("a", 0, "v.A", "sbyte"), L("h", 2, "v.H", "Half"), L("l", 8, "v.L", "long"), L("s[0]", 16, "v.S[0]", "short"), L("s[1]", 18, "v.S[1]", "short"), L("s[2]", 20, "v.S[2]", "short"), L("u", 24, "v.U", "ulong") }),
    };

    private static ExpectedLeaf F(string path, int offset, string expression) => new(path, offset, expression, "float");

    private static ExpectedLeaf L(string path, int offset, string expression, string type) => new(path, offset, expression, type);
}
