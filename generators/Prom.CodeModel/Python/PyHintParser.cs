using System.Collections.Generic;
using System.Linq;

namespace Prom.CodeModel.Python;

/// <summary>
/// Parses a type-hint expression from tokens: names, dotted names, subscripts, <c>|</c> unions, <c>None</c>,
/// string forward references (parsed again, so <c>"list[Foo]"</c> is a subscript), literals, <c>...</c>, bracket
/// lists and, as opaque values, calls and other expressions inside subscripts (e.g. <c>Annotated</c> metadata).
/// </summary>
public sealed class PyHintParser
{
    private readonly IReadOnlyList<PyToken> _tokens;
    private readonly int _end;
    private int _pos;

    private PyHintParser(IReadOnlyList<PyToken> tokens, int start, int end)
    {
        _tokens = tokens;
        _pos = start;
        _end = end;
    }

    /// <summary>Parses tokens [start, end) as one hint; null with a reason when they are not a hint.</summary>
    public static PyHint? Parse(IReadOnlyList<PyToken> tokens, int start, int end, out string? error)
    {
        if (start >= end)
        {
            error = "the annotation is empty";
            return null;
        }
        var parser = new PyHintParser(tokens, start, end);
        PyHint? hint = parser.Union(out error);
        if (hint is not null && parser._pos != end)
        {
            error = $"unexpected '{tokens[parser._pos].Text}'";
            return null;
        }
        return hint;
    }

    /// <summary>Parses hint source text (a string annotation's value, a forward reference).</summary>
    public static PyHint? ParseText(string text, out string? error)
    {
        (IReadOnlyList<PyLogicalLine> lines, string? lexError, _) = PyTokenizer.Tokenize(text.Trim());
        if (lexError is not null || lines.Count != 1)
        {
            error = lexError ?? "it is not one expression";
            return null;
        }
        IReadOnlyList<PyToken> tokens = lines[0].Tokens;
        return Parse(tokens, 0, tokens.Count, out error);
    }

    private PyToken? Peek => _pos < _end ? _tokens[_pos] : null;

    private PyHint? Union(out string? error)
    {
        PyHint? first = Primary(out error);
        if (first is null) return null;
        if (Peek is not { } t || !t.Is("|")) return first;
        var members = new List<PyHint> { first };
        while (Peek is { } bar && bar.Is("|"))
        {
            _pos++;
            PyHint? next = Primary(out error);
            if (next is null) return null;
            members.Add(next);
        }
        return new PyHint(PyHintKind.Union, "|", new EquatableArray<PyHint>(members));
    }

    private PyHint? Primary(out string? error)
    {
        error = null;
        if (Peek is not { } token)
        {
            error = "the annotation ends early";
            return null;
        }

        if (token.Kind == PyTokenKind.String)
        {
            return StringHint(out error);
        }

        if (token.Kind == PyTokenKind.Number || (token.Is("-") && _pos + 1 < _end && _tokens[_pos + 1].Kind == PyTokenKind.Number))
        {
            string text = token.Is("-") ? "-" + _tokens[++_pos].Text : token.Text;
            _pos++;
            return PyHint.Leaf(PyHintKind.Number, text);
        }

        if (token.Is("..."))
        {
            _pos++;
            return PyHint.Leaf(PyHintKind.Ellipsis, "...");
        }

        if (token.Is("["))
        {
            _pos++;
            List<PyHint>? items = Items("]", out error);
            return items is null ? null : new PyHint(PyHintKind.List, "[]", new EquatableArray<PyHint>(items));
        }

        if (token.Is("("))
        {
            _pos++;
            PyHint? inner = Union(out error);
            if (inner is null) return null;
            if (Peek is not { } close || !close.Is(")"))
            {
                error = "a '(' in the annotation is not closed";
                return null;
            }
            _pos++;
            return inner;
        }

        if (token.Kind != PyTokenKind.Name)
        {
            error = $"unexpected '{token.Text}'";
            return null;
        }

        _pos++;
        if (token.Text == "None") return PyHint.Leaf(PyHintKind.None, "None");
        if (token.Text is "True" or "False") return PyHint.Leaf(PyHintKind.Bool, token.Text);
        string name = token.Text;
        while (Peek is { } dot && dot.Is(".") && _pos + 1 < _end && _tokens[_pos + 1].Kind == PyTokenKind.Name)
        {
            name += "." + _tokens[_pos + 1].Text;
            _pos += 2;
        }

        if (Peek is { } open && open.Is("("))
        {
            // A call (e.g. Field(gt=0) in Annotated metadata): kept as opaque text up to its closing bracket.
            SkipBracket();
            return PyHint.Leaf(PyHintKind.Opaque, name + "(...)");
        }

        if (Peek is { } sub && sub.Is("["))
        {
            _pos++;
            List<PyHint>? args = Items("]", out error);
            return args is null ? null : new PyHint(PyHintKind.Subscript, name, new EquatableArray<PyHint>(args));
        }
        return PyHint.Leaf(PyHintKind.Name, name);
    }

    private PyHint? StringHint(out string? error)
    {
        string value = "";
        while (Peek is { } s && s.Kind == PyTokenKind.String)
        {
            string? part = PyStringLiteral.TryDecode(s.Text);
            if (part is null)
            {
                error = $"the string {s.Text} is not a plain string literal";
                return null;
            }
            value += part;
            _pos++;
        }
        error = null;
        return PyHint.Leaf(PyHintKind.String, value);
    }

    private List<PyHint>? Items(string close, out string? error)
    {
        var items = new List<PyHint>();
        error = null;
        while (true)
        {
            if (Peek is not { } token)
            {
                error = $"a bracket in the annotation is not closed";
                return null;
            }
            if (token.Is(close))
            {
                _pos++;
                return items;
            }
            PyHint? item = Union(out error);
            if (item is null) return null;
            items.Add(item);
            if (Peek is { } comma && comma.Is(",")) _pos++;
            else if (Peek is not { } end || !end.Is(close))
            {
                error = Peek is { } bad ? $"unexpected '{bad.Text}'" : "a bracket in the annotation is not closed";
                return null;
            }
        }
    }

    private void SkipBracket()
    {
        int depth = 0;
        while (_pos < _end)
        {
            PyToken t = _tokens[_pos++];
            if (t.Is("(") || t.Is("[") || t.Is("{")) depth++;
            else if ((t.Is(")") || t.Is("]") || t.Is("}")) && --depth == 0) return;
        }
    }

    /// <summary>For diagnostics: the tokens [start, end) as written, single-spaced.</summary>
    public static string SourceText(IReadOnlyList<PyToken> tokens, int start, int end) =>
        string.Join(" ", Enumerable.Range(start, end - start).Select(i => tokens[i].Text))
            .Replace(" [ ", "[").Replace(" ]", "]").Replace("[ ", "[").Replace(" ,", ",").Replace(" . ", ".");
}
