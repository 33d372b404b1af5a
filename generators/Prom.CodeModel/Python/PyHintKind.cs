namespace Prom.CodeModel.Python;

/// <summary>The shapes of a type-hint expression.</summary>
public enum PyHintKind
{
    /// <summary>A (dotted) name: <c>int</c>, <c>np.float64</c>.</summary>
    Name,
    /// <summary><c>Name[args]</c>.</summary>
    Subscript,
    /// <summary><c>A | B | …</c>.</summary>
    Union,
    /// <summary><c>None</c>.</summary>
    None,
    /// <summary>A string literal (a forward reference, or a <c>Literal</c>/<c>Annotated</c> value); text is the value.</summary>
    String,
    /// <summary>A number (in <c>Literal[1, -2]</c>).</summary>
    Number,
    /// <summary><c>True</c> / <c>False</c>.</summary>
    Bool,
    /// <summary><c>...</c>.</summary>
    Ellipsis,
    /// <summary><c>[A, B]</c> (in <c>Callable[[A], B]</c>).</summary>
    List,
    /// <summary>Anything else, e.g. a call in <c>Annotated</c> metadata; text is the source.</summary>
    Opaque,
}
