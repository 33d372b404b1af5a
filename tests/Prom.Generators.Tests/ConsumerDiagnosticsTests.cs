using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.RegularExpressions;
using Xunit;

namespace Prom.Generators.Tests;

/// <summary>
/// Every mistake in docs/diagnostics shows up in a user's <c>dotnet build</c> with its id and message and without a
/// compiler error next to it. A command-line build reports analyzer diagnostics only when the compilation has no
/// error, so one build of one project with every mistake proves both at once: if any case caused a CS error, the
/// analyzer-reported ids would all be missing. Every [Struct] id is here, and at least one of each other family (the ECS hazards
/// PROM0101/PROM0102, the PROM0311 warning and the Python family on a marked .py file included).
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ConsumerDiagnosticsTests
{
    /// <summary>Id, a fragment of its message, and the declaration that causes it.</summary>
    private static readonly (string Id, string Message, string Source)[] s_cases =
    {
        ("PROM0001", "'NotPartial' is marked [Struct] but is not partial", "[Struct] public struct NotPartial { }"),
        ("PROM0001", "'PlainOuter' contains the [Struct] 'Inner' but is not partial", "public class PlainOuter { [Struct] public partial struct Inner { } }"),
        ("PROM0002", "Member 'Name' of [Struct] 'BadStr' has type 'string'", "[Struct] public partial struct BadStr { public partial int A { get; set; } public partial string Name { get; set; } }"),
        ("PROM0003", "Member 'Price' of [Struct] 'Money' has unsupported type 'decimal'", "[Struct] public partial struct Money { public partial decimal Price { get; set; } public partial char C { get; set; } }"),
        ("PROM0004", "[Struct] 'Tree' contains itself through 'Tree.Children'", "[Struct] public partial struct Tree { [Length(2)] public partial Span<Tree> Children { get; } }"),
        ("PROM0005", "Array member 'Samples' of [Struct] 'Minus' has length -1", "[Struct] public partial struct Minus { [Length(-1)] public partial Span<float> Samples { get; } }"),
        ("PROM0005", "Array member 'Samples' of [Struct] 'NoLength' has length missing", "[Struct] public partial struct NoLength { public partial Span<float> Samples { get; } }"),
        ("PROM0006", "Padding of -1 bytes before 'B' in [Struct] 'Padded'", "[Struct] public partial struct Padded { public partial byte A { get; set; } [Pad(-1)] public partial float B { get; set; } }"),
        ("PROM0007", "both flatten to the column 'pos_x'", "[Struct] public partial struct Vec2 { public partial float X { get; set; } } [Struct] public partial struct Clash { public partial Vec2 Pos { get; set; } public partial float PosX { get; set; } }"),
        ("PROM0008", "Member 'Raw' of [Struct] 'WithField' declares storage the generator cannot place", "[Struct] public partial struct WithField { public partial int A { get; set; } public float Raw; }"),
        ("PROM0009", "[Struct] 'Generic' is generic", "[Struct] public partial struct Generic<T> { public partial int A { get; set; } }"),
        ("PROM0010", "[Length] on member 'F' of [Struct] 'LengthOnScalar' has no effect", "[Struct] public partial struct LengthOnScalar { [Length(3)] public partial float F { get; set; } }"),
        ("PROM0011", "Array member 'S' of [Struct] 'ArraySetter' declares a setter", "[Struct] public partial struct ArraySetter { [Length(3)] public partial Span<float> S { get; set; } }"),
        ("PROM0012", "the limits are 16777216 bytes and 65536 leaves", "[Struct] public partial struct Huge { [Length(int.MaxValue)] public partial Span<double> Samples { get; } }"),
        ("PROM0013", "[Struct] 'RefS' is a ref struct", "[Struct] public ref partial struct RefS { public partial int A { get; set; } }"),
        ("PROM0014", "[Struct] 'Named' declares a member named 'Layout'", "[Struct] public partial struct Named { public partial int Layout { get; set; } }"),
        ("PROM0015", "'Count' of [Struct] 'WithStatic' is a static partial property", "[Struct] public partial struct WithStatic { public partial int A { get; set; } public static partial int Count { get; } }"),
        ("PROM0016", "Member 'A' of readonly [Struct] 'Frozen' declares a setter", "[Struct] public readonly partial struct Frozen { public partial int A { get; set; } }"),
        ("PROM0100", "'Loose' is marked [Component] but not [Struct]", "[Component] public partial struct Loose { }"),
        ("PROM0101", "'World.Destroy' changes the world's structure inside the loop over 'query.Rows()'",
            "public static class Reaper { public static void Run(Prom.Ecs.World world, Prom.Ecs.Query query) { foreach (Prom.Ecs.EntityRow row in query.Rows()) world.Destroy(row.Entity); } }"),
        ("PROM0101", "System 'Killer' calls 'World.Destroy' in Run, which runs inside the tick",
            "[System] public partial class Killer { private readonly Prom.Ecs.World _world = null!; public void Run(Prom.Ecs.Entity entity, in Heat heat) { _world.Destroy(entity); } }"),
        ("PROM0102", "'Cache.Writer' keeps a 'ColumnWriter<Heat>' in a static field, which outlives the tick",
            "public static class Cache { public static Prom.Ecs.ColumnWriter<Heat> Writer; }"),
        ("PROM0200", "'Lonely' is marked [System] but is not partial", "[System] public class Lonely { public void Run(in Heat heat) { } }"),
        ("PROM0205", "Heat", "[System] public partial class HeaterA { public void Run(ref Heat heat) { } } [System] public partial class HeaterB { public void Run(ref Heat heat) { } }"),
        ("PROM0300", "Topic name 'Bad Name' on 'Ping' does not match", "[Topic(\"Bad Name\")] public sealed record Ping(int Seq);"),
        ("PROM0300", "The topic name on 'Nameless' is null", "[Topic(null!)] public sealed record Nameless(int Seq);"),
        // A warning: the project treats warnings as errors (as it must, to show that nothing else warns).
        ("PROM0311", "Member 'Id' of topic payload 'Bill' is a long JSON number", "[Topic(\"ops.bill\")] public sealed record Bill(long Id);"),
    };

    /// <summary>
    /// The Python family (PROM04xx) is reported on a <c>.py</c> file marked as the docs say
    /// (<c>AdditionalFiles</c> with <c>PromPythonModule</c>), so this case brings its own file instead of C#.
    /// </summary>
    private static readonly (string Id, string Message, string File, string Source) s_pythonCase =
        ("PROM0401", "Python module 'sensors', function 'sizes': parameter 'x' has the hint 'set[int]', which is not mapped to C#",
            "sensors.py", "def ok(x: float) -> float:\n    return x\n\ndef sizes(x: set[int]) -> int:\n    return len(x)\n");

    private readonly PackedFeed _feed;

    public ConsumerDiagnosticsTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public void EveryMistake_ShowsItsIdAndMessageInDotnetBuild_WithNoCompilerError()
    {
        string program = "using System;\nusing Prom;\nConsole.WriteLine(\"unreachable\");\n" +
            "[Struct, Component] public partial struct Heat { public partial float Celsius { get; set; } }\n" +
            string.Join("\n", s_cases.Select(c => c.Source)) + "\n";
        string project = _feed.CreateConsoleProject("Mistakes", program);
        AddPythonModule(project, s_pythonCase.File, s_pythonCase.Source);
        var build = DotnetCli.Run(project, PackedFeed.Limit, "build", "-c", "Release");
        Assert.NotEqual(0, build.ExitCode);

        var problems = new List<string>();
        foreach ((string id, string message) in s_cases.Select(c => (c.Id, c.Message)).Append((s_pythonCase.Id, s_pythonCase.Message)))
        {
            if (!build.Output.Split('\n').Any(line => line.Contains($"error {id}: ") && line.Contains(message)))
            {
                problems.Add($"missing: {id} with '{message}'");
            }
        }
        problems.AddRange(Regex.Matches(build.Output, @"error CS\d+: [^\r\n]*").Select(m => "compiler error: " + m.Value).Distinct());
        problems.AddRange(DotnetCli.Warnings(build.Output).Select(w => "warning: " + w)); // none at all, NETSDK1206 included
        Assert.True(problems.Count == 0, string.Join("\n", problems) + "\n--- build output ---\n" + build.Output);
    }

    /// <summary>Writes <paramref name="file"/> next to the project and marks it the way docs/bridge.md tells users to.</summary>
    private static void AddPythonModule(string project, string file, string source)
    {
        File.WriteAllText(Path.Combine(project, file), source);
        string csproj = Path.Combine(project, Path.GetFileName(project) + ".csproj");
        string item = $"  <ItemGroup>\n    <AdditionalFiles Include=\"{file}\" PromPythonModule=\"true\" />\n  </ItemGroup>\n</Project>";
        File.WriteAllText(csproj, File.ReadAllText(csproj).Replace("</Project>", item));
    }
}
