using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace Prom.SourceGenerators.Tests.Properties;

/// <summary>
/// A seeded generator of attribute declarations, valid and invalid, for every attribute kind: [Struct] (nested and
/// generic containers, keyword names, ref/readonly/record structs, members named like generated members, fields,
/// bad lengths and paddings, unsupported and unresolved types), [Component], [System] and [Topic]. Each unit lives in
/// its own namespace <c>U{n}</c>, so a diagnostic or a generated file can be traced back to the unit it belongs to.
/// </summary>
internal sealed class DeclarationFuzzer
{
    private static readonly string[] s_typeNames = { "Sample", "Vec", "@class", "@event", "Layout", "Write", "Node" };
    private static readonly string[] s_memberNames = { "A", "B", "X", "Value", "@event", "@class", "Layout", "Write", "Read", "Size", "value" };
    private static readonly string[] s_goodScalars = { "int", "float", "double", "byte", "bool", "Half", "long", "ushort", "sbyte" };
    private static readonly string[] s_badTypes = { "string", "decimal", "char", "object", "Missing", "int[]", "DateTime", "int?" };
    private static readonly string[] s_containers =
    {
        "public partial class Outer", "public class Plain", "public partial class Gen<T>", "public static partial class Holder",
        "public partial record Rec", "public partial struct Host", "public readonly partial struct RoHost", "internal partial interface IHost",
    };

    private readonly Random _random;
    private bool _clean;

    public DeclarationFuzzer(int seed) => _random = new Random(seed);

    /// <summary>One compilation unit's source with <paramref name="units"/> namespaces.</summary>
    public string Source(int units)
    {
        var text = new StringBuilder("using System;\nusing Prom;\nusing Prom.Ecs;\n");
        if (Pick(0.1)) text.Append("[assembly: Stages(\"startup\", \"update\", \"update\")]\n");
        for (int u = 0; u < units; u++)
        {
            text.Append("namespace U").Append(u).Append("\n{\n");
            text.Append(Pick(0.55) ? Struct() : Pick(0.4) ? Ecs() : Topic());
            text.Append("}\n");
        }
        return text.ToString();
    }

    private bool Pick(double probability) => _random.NextDouble() < probability;

    private T One<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    private string Struct()
    {
        var text = new StringBuilder();
        // Half of the structs use only valid shapes, so the emitter (not only the error paths) is exercised.
        _clean = Pick(0.5);
        // A nested [Struct] the members may use, sometimes invalid.
        bool withInner = Pick(0.3);
        if (withInner) text.Append($"[Struct] public partial struct Inner {{ public partial {(_clean || Pick(0.8) ? "float" : "string")} V {{ get; set; }} }}\n");

        string name = One(s_typeNames);
        string modifiers = (Pick(0.15) ? "readonly " : "") + (!_clean && Pick(0.08) ? "ref " : "") + (_clean || Pick(0.9) ? "partial " : "");
        string keyword = Pick(0.2) ? "record struct" : "struct";
        string generic = !_clean && Pick(0.07) ? "<T>" : "";
        string attributes = "[Struct" + (Pick(0.15) ? $"(TrailingPadding = {_random.Next(-1, 4)})" : "") + "]" +
            (Pick(0.04) ? "[System.Runtime.InteropServices.StructLayout(System.Runtime.InteropServices.LayoutKind.Sequential)]" : "");
        string? container = Pick(0.3) ? One(s_containers) : null;
        bool readOnly = modifiers.Contains("readonly");

        var body = new StringBuilder();
        var used = new HashSet<string>();
        int members = _random.Next(0, 5);
        for (int m = 0; m < members; m++)
        {
            string member = One(s_memberNames);
            if (!used.Add(member.TrimStart('@')) || member.TrimStart('@') == name.TrimStart('@')) continue;
            body.Append("    ").Append(Member(member, withInner, name, readOnly)).Append('\n');
        }
        if (Pick(0.1)) body.Append("    public float Length => 1f;\n");
        if (!_clean && Pick(0.05)) body.Append("    public static partial int Count { get; }\n");

        string declaration = $"{attributes} public {modifiers}{keyword} {name}{generic}\n{{\n{body}}}\n";
        if (container is null) return text.Append(declaration).ToString();
        return text.Append(container).Append("\n{\n").Append(declaration).Append("}\n").ToString();
    }

    private string Member(string name, bool withInner, string owner, bool readOnly)
    {
        double shape = _random.NextDouble();
        string type = _clean || Pick(0.7) ? (withInner && Pick(0.2) ? "Inner" : One(s_goodScalars)) : Pick(0.5) && withInner ? "Inner" : Pick(0.1) ? owner.TrimStart('@') == owner ? owner : "int" : One(s_badTypes);
        string pad = Pick(0.1) ? $"[Pad({_random.Next(_clean ? 0 : -1, 3)})] " : "";
        string setter = readOnly ? One(new[] { " init;", "", " set;" }) : One(new[] { " set;", " init;", "", " private set;" });
        if (_clean) shape = 0.12 + (shape * 0.88);
        if (shape < 0.08) return $"public {type} {name};"; // plain field
        if (shape < 0.12) return $"public {type} {name} {{ get; set; }}"; // auto-property
        if (shape < 0.2) return $"{pad}public partial ref {(Pick(0.5) ? "readonly " : "")}{type} {name} {{ get; }}";
        if (shape < 0.35)
        {
            string length = _clean ? "[Length(3)] " : One(new[] { "[Length(3)] ", "[Length(1)] ", "[Length(0)] ", "[Length(-1)] ", "[Length(int.MaxValue)] ", "" });
            string span = Pick(0.7) ? "Span" : "ReadOnlySpan";
            return $"{pad}{length}public partial {span}<{type}> {name} {{ get;{(Pick(0.1) ? " set;" : "")} }}";
        }
        if (shape < 0.38 && !_clean) return $"[Length(2)] public partial {type} {name} {{ get; set; }}";
        return $"{pad}public partial {type} {name} {{ get;{setter} }}";
    }

    private string Ecs()
    {
        string component = One(new[] { "Pos", "@event", "Mass" });
        string plain = component.TrimStart('@');
        var text = new StringBuilder();
        text.Append(Pick(0.85)
            ? $"[Struct, Component] public partial struct {component} {{ public partial float X {{ get; set; }} public partial {(Pick(0.9) ? "float" : "string")} Y {{ get; set; }} }}\n"
            : $"[Component] public partial struct {component} {{ public partial float X {{ get; set; }} }}\n");
        if (Pick(0.2)) text.Append($"public sealed class {plain}ReadView {{ }}\n"); // a user type named like a generated one
        string partial = Pick(0.9) ? "partial " : "";
        string system = One(new[] { "Move", "@class", "Run" });
        string run = One(new[]
        {
            $"public void Run(ref {component} p) {{ p.X += 1; }}",
            $"public void Run(in {component} p) {{ }}",
            $"public void Run(ref {component} p, in FrameTime time) {{ p.X += time.DeltaSeconds; }}",
            "public void Run(ref Missing m) { }",
            "public void Run(string s) { }",
            $"public void Run(ref {component} a) {{ }} public void Run(in {component} b) {{ }}",
        });
        text.Append($"[System] public {partial}class {system} {{ {run} }}\n");
        return text.ToString();
    }

    private string Topic()
    {
        string name = One(new[] { "\"orders.created\"", "\"Bad Name\"", "null!", "\"a.b.v2\"", "\"\"" });
        string type = One(new[] { "Order", "@event", "Evt" });
        string members = One(new[] { "int Id, string Name", "int @event, double @class", "object O", "int Id, Missing M", "" });
        string declaration = One(new[]
        {
            $"public sealed record {type}({members});",
            $"public sealed partial record {type}({members});",
            $"public record struct {type}({members});",
            $"public sealed record {type}<T>(T Value);",
        });
        string attribute = $"[Topic({name}, Version = {One(new[] { "1", "2", "0", "-1" })})]";
        return Pick(0.2)
            ? $"public static partial class Topics {{ {attribute} {declaration} }}\n"
            : $"{attribute} {declaration}\n";
    }
}
