using System.Linq;

namespace Prom.CodeModel.Python;

/// <summary>A parsed type hint: a value-equatable tree (names as written; resolution happens in the mapper).</summary>
/// <param name="Kind">The shape.</param>
/// <param name="Text">The name, the literal value, or the source of an opaque expression.</param>
/// <param name="Args">Subscript arguments, union members or list items.</param>
public sealed record PyHint(PyHintKind Kind, string Text, EquatableArray<PyHint> Args)
{
    /// <summary>A hint without arguments.</summary>
    public static PyHint Leaf(PyHintKind kind, string text) => new(kind, text, EquatableArray<PyHint>.Empty);

    /// <summary>The hint as Python source, for messages and XML docs.</summary>
    public override string ToString() => Kind switch
    {
        PyHintKind.Subscript => Text + "[" + string.Join(", ", Args.Select(a => a.ToString())) + "]",
        PyHintKind.Union => string.Join(" | ", Args.Select(a => a.ToString())),
        PyHintKind.List => "[" + string.Join(", ", Args.Select(a => a.ToString())) + "]",
        PyHintKind.String => "'" + Text.Replace("\\", "\\\\").Replace("'", "\\'") + "'",
        PyHintKind.None => "None",
        _ => Text,
    };
}
