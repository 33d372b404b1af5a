using System.Collections.Generic;

namespace Prom.CodeModel.Python;

/// <summary>
/// One logical line of Python: the tokens from its start to the newline outside brackets (continuations and
/// bracketed line breaks joined), with the indentation width of its first physical line (tabs to multiples of 8).
/// </summary>
public sealed class PyLogicalLine
{
    /// <summary>Creates a line.</summary>
    public PyLogicalLine(int indent, IReadOnlyList<PyToken> tokens)
    {
        Indent = indent;
        Tokens = tokens;
    }

    /// <summary>Indentation width.</summary>
    public int Indent { get; }

    /// <summary>The tokens (never empty).</summary>
    public IReadOnlyList<PyToken> Tokens { get; }

    /// <summary>The 1-based line number of the first token.</summary>
    public int Line => Tokens[0].Line;
}
