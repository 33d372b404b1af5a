using System.Globalization;
using System.Text;

namespace Prom.SourceGenerators.Common;

/// <summary>A small indented text writer for generated code (cheaper than building syntax trees).</summary>
internal sealed class SourceWriter
{
    private readonly StringBuilder _builder = new();
    private int _indent;

    /// <summary>Writes one line at the current indentation (an empty line has no indentation).</summary>
    public SourceWriter Line(string text = "")
    {
        if (text.Length > 0) _builder.Append(' ', _indent * 4).Append(text);
        _builder.Append('\n');
        return this;
    }

    /// <summary>Writes a formatted line under the invariant culture.</summary>
    public SourceWriter Line(System.FormattableString text) => Line(text.ToString(CultureInfo.InvariantCulture));

    /// <summary>Writes <c>{</c> and indents.</summary>
    public SourceWriter Open(string header = "")
    {
        if (header.Length > 0) Line(header);
        Line("{");
        _indent++;
        return this;
    }

    /// <summary>Unindents and writes <c>}</c> (plus an optional suffix such as <c>;</c>).</summary>
    public SourceWriter Close(string suffix = "")
    {
        _indent--;
        return Line("}" + suffix);
    }

    /// <summary>The text written so far.</summary>
    public override string ToString() => _builder.ToString();
}

