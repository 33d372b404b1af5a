using System;
using System.Collections.Generic;
using System.Globalization;

namespace Prom.CodeModel.Python;

/// <summary>
/// Splits Python source into logical lines of tokens, following the language reference's lexical rules for what a
/// signature parser needs: comments, all string forms (prefixes, triple quotes, escapes, f-strings as opaque
/// strings), explicit <c>\</c> continuations, implicit joining inside brackets, and indentation. It never throws on
/// bad input: an unterminated string or bracket is reported through <see cref="Error"/> and tokenizing stops there.
/// </summary>
public sealed class PyTokenizer
{
    // Longest first, so that "**=" wins over "**" and "*".
    private static readonly string[] s_operators =
    {
        "**=", "//=", ">>=", "<<=", "...", "->", "**", "//", ">>", "<<", "<=", ">=", "==", "!=", ":=", "+=", "-=", "*=",
        "/=", "%=", "&=", "|=", "^=", "@=",
    };

    private readonly string _text;
    private int _pos;
    private int _line = 1;
    private int _lineStart;

    private PyTokenizer(string text) => _text = text;

    /// <summary>The first lexical error, or null (tokens before it are still returned).</summary>
    public string? Error { get; private set; }

    /// <summary>The 1-based line of <see cref="Error"/>.</summary>
    public int ErrorLine { get; private set; }

    /// <summary>Tokenizes <paramref name="text"/> into logical lines.</summary>
    public static (IReadOnlyList<PyLogicalLine> Lines, string? Error, int ErrorLine) Tokenize(string text)
    {
        var tokenizer = new PyTokenizer(text);
        IReadOnlyList<PyLogicalLine> lines = tokenizer.Run();
        return (lines, tokenizer.Error, tokenizer.ErrorLine);
    }

    private List<PyLogicalLine> Run()
    {
        var lines = new List<PyLogicalLine>();
        var tokens = new List<PyToken>();
        var brackets = new Stack<char>();
        int indent = 0;
        bool atLineStart = true;
        if (_text.Length > 0 && _text[0] == '\uFEFF') _pos = 1;
        while (_pos < _text.Length && Error is null)
        {
            if (atLineStart && brackets.Count == 0 && tokens.Count == 0)
            {
                indent = MeasureIndent();
                atLineStart = false;
                continue;
            }

            char c = _text[_pos];
            if (c == '\n' || c == '\r')
            {
                Newline();
                if (brackets.Count == 0)
                {
                    if (tokens.Count > 0) lines.Add(new PyLogicalLine(indent, tokens.ToArray()));
                    tokens.Clear();
                    atLineStart = true;
                }
                continue;
            }

            if (c == ' ' || c == '\t' || c == '\f')
            {
                _pos++;
                continue;
            }

            if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n' && _text[_pos] != '\r') _pos++;
                continue;
            }

            if (c == '\\')
            {
                int next = _pos + 1;
                if (next < _text.Length && (_text[next] == '\n' || _text[next] == '\r'))
                {
                    _pos = next;
                    Newline();
                    continue;
                }
                Fail("a backslash outside a string that does not end the line");
                break;
            }

            int column = _pos - _lineStart;
            int startLine = _line;
            int start = _pos;
            if (IsStringStart())
            {
                if (!ReadString()) break;
                tokens.Add(new PyToken(PyTokenKind.String, _text.Substring(start, _pos - start), startLine, column, start));
                continue;
            }

            if (IsIdentifierStart(c))
            {
                while (_pos < _text.Length && IsIdentifierPart(_text[_pos])) _pos++;
                tokens.Add(new PyToken(PyTokenKind.Name, _text.Substring(start, _pos - start), startLine, column, start));
                continue;
            }

            if (char.IsDigit(c) || (c == '.' && _pos + 1 < _text.Length && char.IsDigit(_text[_pos + 1])))
            {
                ReadNumber();
                tokens.Add(new PyToken(PyTokenKind.Number, _text.Substring(start, _pos - start), startLine, column, start));
                continue;
            }

            string op = ReadOperator();
            if (op is "(" or "[" or "{") brackets.Push(op[0]);
            else if (op is ")" or "]" or "}")
            {
                char open = op == ")" ? '(' : op == "]" ? '[' : '{';
                if (brackets.Count == 0 || brackets.Pop() != open)
                {
                    Fail($"an unmatched '{op}'");
                    break;
                }
            }
            tokens.Add(new PyToken(PyTokenKind.Operator, op, startLine, column, start));
        }

        if (Error is null && brackets.Count > 0) Fail($"a '{brackets.Peek()}' that is never closed");
        if (Error is null && tokens.Count > 0) lines.Add(new PyLogicalLine(indent, tokens.ToArray()));
        return lines;
    }

    private int MeasureIndent()
    {
        int width = 0;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == ' ') width++;
            else if (c == '\t') width = ((width / 8) + 1) * 8;
            else if (c == '\f') width = 0;
            else break;
            _pos++;
        }
        return width;
    }

    private void Newline()
    {
        if (_text[_pos] == '\r' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n') _pos++;
        _pos++;
        _line++;
        _lineStart = _pos;
    }

    private bool IsStringStart()
    {
        int i = _pos;
        int prefix = 0;
        while (i < _text.Length && prefix < 3 && "rRbBuUfF".IndexOf(_text[i]) >= 0)
        {
            i++;
            prefix++;
        }
        return i < _text.Length && (_text[i] == '\'' || _text[i] == '"') && (prefix == 0 || IsPrefix(_text.Substring(_pos, prefix)));
    }

    private static bool IsPrefix(string prefix) =>
        prefix.ToLowerInvariant() is "r" or "u" or "b" or "f" or "br" or "rb" or "fr" or "rf";

    private bool ReadString()
    {
        while ("rRbBuUfF".IndexOf(_text[_pos]) >= 0) _pos++;
        char quote = _text[_pos];
        bool triple = _pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote;
        int startLine = _line;
        _pos += triple ? 3 : 1;
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (c == '\\')
            {
                // In every string form (raw ones too) a backslash keeps the next character from ending the string.
                _pos++;
                if (_pos < _text.Length && (_text[_pos] == '\n' || _text[_pos] == '\r')) Newline();
                else _pos++;
                continue;
            }
            if (c == '\n' || c == '\r')
            {
                if (!triple) break;
                Newline();
                continue;
            }
            if (c == quote && (!triple || (_pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote)))
            {
                _pos += triple ? 3 : 1;
                return true;
            }
            _pos++;
        }
        ErrorLine = startLine;
        Error = "a string that is never closed";
        return false;
    }

    private void ReadNumber()
    {
        while (_pos < _text.Length)
        {
            char c = _text[_pos];
            if (char.IsLetterOrDigit(c) || c == '_' || c == '.') _pos++;
            else if ((c == '+' || c == '-') && (_text[_pos - 1] == 'e' || _text[_pos - 1] == 'E') && !IsHex()) _pos++;
            else break;
        }
    }

    private bool IsHex()
    {
        int i = _pos - 1;
        while (i > 0 && (char.IsLetterOrDigit(_text[i - 1]) || _text[i - 1] == '_')) i--;
        return i + 1 < _text.Length && _text[i] == '0' && (_text[i + 1] == 'x' || _text[i + 1] == 'X');
    }

    private string ReadOperator()
    {
        foreach (string op in s_operators)
        {
            if (string.CompareOrdinal(_text, _pos, op, 0, op.Length) == 0)
            {
                _pos += op.Length;
                return op;
            }
        }
        return _text[_pos++].ToString();
    }

    private void Fail(string what)
    {
        Error = what;
        ErrorLine = _line;
    }

    private static bool IsIdentifierStart(char c) =>
        c == '_' || char.IsLetter(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.LetterNumber
        || (char.IsSurrogate(c) && c > 0x7F);

    private static bool IsIdentifierPart(char c) =>
        IsIdentifierStart(c) || char.IsDigit(c) || CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark
            or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DecimalDigitNumber;
}
