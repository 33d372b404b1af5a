using System.Globalization;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits the second part of a <c>&lt;Type&gt;Topic</c> class whose version can read other versions: the bodies of the
/// partial hooks <c>AddReadableVersions</c> and <c>ReadOtherVersion</c>. Each readable version is one expression:
/// read the bytes with the codec of the version the plan names, then apply the upcasters (or, for a backward-compatible
/// hop without one, re-read with the next version's codec) up to this version.
/// </summary>
internal static class TopicReadsEmitter
{
    public static string Emit(TopicReadPlan plan)
    {
        TopicVersionInfo target = plan.Target;
        var w = new SourceWriter();
        GeneratedFile.Begin(w, target.Namespace);
        w.Open($"static partial class {target.GeneratedClassName}");
        w.Open("static partial void AddReadableVersions(global::System.Collections.Generic.List<int> versions)");
        foreach (TopicReadPath path in plan.Paths) w.Line($"versions.Add({path.Version.ToString(CultureInfo.InvariantCulture)});");
        w.Close();
        w.Line();
        w.Open($"static partial void ReadOtherVersion(int version, global::System.ReadOnlySpan<byte> utf8Json, ref {target.PayloadType} result, ref bool handled)");
        w.Open("switch (version)");
        foreach (TopicReadPath path in plan.Paths)
        {
            string label = path.Version > target.Version ? "newer, forward compatible: read directly"
                : path.Conversions.Count == 0 ? "older, and this version is backward compatible: read directly"
                : "older: upcast";
            w.Line($"case {path.Version.ToString(CultureInfo.InvariantCulture)}: // {label}");
            w.Line($"    result = {Expression(path)};");
            w.Line("    break;");
        }
        w.Line("default:");
        w.Line("    return;");
        w.Close();
        w.Line("handled = true;");
        w.Close();
        w.Close();
        GeneratedFile.CloseNamespace(w, target.Namespace);
        return w.ToString();
    }

    private static string Expression(TopicReadPath path)
    {
        string value = $"{path.ReadWith}.Deserialize(utf8Json)";
        foreach (TopicConversion step in path.Conversions)
        {
            value = step.UpcasterMethod is { } method
                ? $"{method}({value})"
                : $"{step.ToClass}.Deserialize({step.FromClass}.Serialize({value}))";
        }
        return value;
    }
}
