namespace Prom.CodeModel.Python;

/// <summary>One token of a logical line: its kind, text and where it starts (1-based line, 0-based column, offset).</summary>
public readonly record struct PyToken(PyTokenKind Kind, string Text, int Line, int Column, int Offset)
{
    /// <summary>True for an operator token with exactly this text.</summary>
    public bool Is(string op) => Kind == PyTokenKind.Operator && Text == op;

    /// <summary>True for a name token with exactly this text (keywords are names).</summary>
    public bool IsName(string name) => Kind == PyTokenKind.Name && Text == name;
}
