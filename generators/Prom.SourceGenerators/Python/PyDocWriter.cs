using System;
using System.Collections.Generic;
using System.Linq;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Python;

/// <summary>Docstrings as XML doc comments: cleaned like <c>inspect.cleandoc</c>, escaped, one <c>///</c> line each.</summary>
internal static class PyDocWriter
{
    /// <summary>Writes <c>&lt;summary&gt;</c> (the docstring or <paramref name="fallback"/>) and the Python signature as remarks.</summary>
    public static void Write(SourceWriter w, string? doc, string fallback, string? signature)
    {
        IReadOnlyList<string> lines = doc is null ? Array.Empty<string>() : CleanDoc(doc);
        w.Line("/// <summary>");
        if (lines.Count == 0) w.Line("/// " + fallback);
        foreach (string line in lines) w.Line(line.Length == 0 ? "/// <para/>" : "/// " + Escape(line));
        w.Line("/// </summary>");
        if (signature is not null) w.Line("/// <remarks>Python: <c>" + Escape(signature) + "</c></remarks>");
    }

    /// <summary>XML-escapes text for a doc comment.</summary>
    public static string Escape(string text) =>
        new string(text.Where(c => c == '\t' || c >= ' ').ToArray()).Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");

    private static IReadOnlyList<string> CleanDoc(string doc)
    {
        string[] lines = doc.Replace("\r\n", "\n").Replace('\r', '\n').Replace("\t", "        ").Split('\n');
        int margin = lines.Skip(1).Where(l => l.Trim().Length > 0).Select(l => l.Length - l.TrimStart().Length).DefaultIfEmpty(0).Min();
        var cleaned = new List<string> { lines[0].Trim() };
        cleaned.AddRange(lines.Skip(1).Select(l => (l.Length >= margin ? l.Substring(margin) : l.TrimStart()).TrimEnd()));
        while (cleaned.Count > 0 && cleaned[0].Length == 0) cleaned.RemoveAt(0);
        while (cleaned.Count > 0 && cleaned[cleaned.Count - 1].Length == 0) cleaned.RemoveAt(cleaned.Count - 1);
        return cleaned;
    }
}
