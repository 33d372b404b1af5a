using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Prom.CodeModel.Python;

/// <summary>
/// Reads the declarations of a Python module without running Python: top-level functions and classes (methods,
/// annotated attributes), their signatures, decorators, docstrings and whether they are generators, plus imports and
/// type aliases for resolving hint names. Blocks come from indentation; a logical line is either a header that
/// opens a block (ends in <c>:</c>) or a statement. Never throws on bad input: what it cannot read becomes a
/// <see cref="PyParseProblem"/> and the rest of the file is still read.
/// </summary>
public static class PySourceParser
{
    private enum ScopeKind { Module, Class, Function, Other }

    private sealed class Scope
    {
        public Scope(ScopeKind kind, int indent) { Kind = kind; Indent = indent; }
        public ScopeKind Kind { get; }
        public int Indent { get; }
        public bool SeenStatement { get; set; }
        public FunctionBuilder? Function { get; set; }
        public ClassBuilder? Class { get; set; }
    }

    private sealed class FunctionBuilder
    {
        public PyFunctionSyntax Syntax = null!;
        public bool IsGenerator;
        public string? Doc;
        public PyFunctionSyntax Build() => Syntax with { IsGenerator = IsGenerator, Doc = Doc };
    }

    private sealed class ClassBuilder
    {
        public string Name = "";
        public int Line;
        public string[] Decorators = System.Array.Empty<string>();
        public List<string> Bases = new();
        public List<FunctionBuilder> Methods = new();
        public List<PyAttributeSyntax> Attributes = new();
        public string? Doc;
    }

    /// <summary>Parses module source text.</summary>
    public static PyModuleSyntax Parse(string text, CancellationToken cancellationToken = default)
    {
        (IReadOnlyList<PyLogicalLine> lines, string? lexError, int lexLine) = PyTokenizer.Tokenize(text);
        var problems = new List<PyParseProblem>();
        if (lexError is not null) problems.Add(new PyParseProblem(lexLine, null, $"the file cannot be read past line {lexLine}: {lexError}"));

        var imports = new List<PyImportSyntax>();
        var aliases = new List<PyTypeAliasSyntax>();
        var functions = new List<FunctionBuilder>();
        var classes = new List<ClassBuilder>();
        var all = new List<FunctionBuilder>();
        string? moduleDoc = null;
        var scopes = new List<Scope> { new(ScopeKind.Module, -1) };
        var decorators = new List<string>();

        foreach (PyLogicalLine line in lines)
        {
            cancellationToken.ThrowIfCancellationRequested();
            while (scopes[scopes.Count - 1].Indent >= line.Indent) scopes.RemoveAt(scopes.Count - 1);
            Scope scope = scopes[scopes.Count - 1];
            IReadOnlyList<PyToken> t = line.Tokens;
            bool firstStatement = !scope.SeenStatement;

            if (t[0].Is("@"))
            {
                decorators.Add(PyHintParser.SourceText(t, 1, t.Count).Replace(" ", ""));
                continue;
            }

            scope.SeenStatement = true;
            int defAt = t[0].IsName("async") && t.Count > 1 && t[1].IsName("def") ? 1 : t[0].IsName("def") ? 0 : -1;
            if (defAt >= 0)
            {
                var builder = new FunctionBuilder { Syntax = ReadDef(t, defAt, decorators.ToArray(), out int bodyStart) };
                decorators.Clear();
                all.Add(builder);
                if (builder.Syntax.Error is { } error) problems.Add(new PyParseProblem(line.Line, builder.Syntax.Name, error));
                if (scope.Kind == ScopeKind.Module) functions.Add(builder);
                else if (scope.Kind == ScopeKind.Class) scope.Class!.Methods.Add(builder);
                if (bodyStart < 0 || bodyStart >= t.Count)
                {
                    scopes.Add(new Scope(ScopeKind.Function, line.Indent) { Function = builder });
                }
                else
                {
                    // "def f(): return 1" — the body is the rest of this line.
                    builder.IsGenerator = ContainsYield(t, bodyStart, t.Count);
                    builder.Doc = DocString(t, bodyStart);
                }
                continue;
            }

            string[] pending = decorators.ToArray();
            decorators.Clear();
            if (t[0].IsName("class") && t.Count > 1 && t[1].Kind == PyTokenKind.Name)
            {
                var builder = new ClassBuilder { Name = t[1].Text, Line = line.Line, Decorators = pending, Bases = ReadBases(t) };
                if (scope.Kind == ScopeKind.Module) classes.Add(builder);
                if (t[t.Count - 1].Is(":")) scopes.Add(new Scope(ScopeKind.Class, line.Indent) { Class = builder });
                continue;
            }

            // Statements: docstrings, yield, imports, aliases, attributes.
            Scope owner = OwningDefinition(scopes);
            if (owner.Kind == ScopeKind.Function && ContainsYield(t, 0, t.Count)) owner.Function!.IsGenerator = true;
            if (firstStatement && DocString(t, 0) is { } doc)
            {
                if (scope.Kind == ScopeKind.Function) scope.Function!.Doc = doc;
                else if (scope.Kind == ScopeKind.Class) scope.Class!.Doc = doc;
                else if (scope.Kind == ScopeKind.Module) moduleDoc = doc;
            }

            if (owner.Kind == ScopeKind.Module)
            {
                ReadImport(t, imports);
                if (scope.Kind == ScopeKind.Module) ReadAlias(t, aliases);
            }
            else if (scope.Kind == ScopeKind.Class && ReadAttribute(t, line.Line) is { } attribute)
            {
                scope.Class!.Attributes.Add(attribute);
            }

            if (t[t.Count - 1].Is(":")) scopes.Add(new Scope(ScopeKind.Other, line.Indent));
        }

        return new PyModuleSyntax(
            moduleDoc,
            new EquatableArray<PyImportSyntax>(imports),
            new EquatableArray<PyTypeAliasSyntax>(aliases),
            new EquatableArray<PyFunctionSyntax>(functions.Select(f => f.Build())),
            new EquatableArray<PyClassSyntax>(classes.Select(c => new PyClassSyntax(
                c.Name, c.Line, new EquatableArray<string>(c.Decorators), new EquatableArray<string>(c.Bases), new EquatableArray<PyFunctionSyntax>(c.Methods.Select(m => m.Build())),
                new EquatableArray<PyAttributeSyntax>(c.Attributes), c.Doc))),
            new EquatableArray<PyFunctionSyntax>(all.Select(f => f.Build())),
            new EquatableArray<PyParseProblem>(problems));
    }

    /// <summary>The innermost def or class (or the module) a statement belongs to, skipping if/for/with blocks.</summary>
    private static Scope OwningDefinition(List<Scope> scopes)
    {
        for (int i = scopes.Count - 1; i >= 0; i--)
        {
            if (scopes[i].Kind != ScopeKind.Other) return scopes[i];
        }
        return scopes[0];
    }

    private static PyFunctionSyntax ReadDef(IReadOnlyList<PyToken> t, int defAt, string[] decorators, out int bodyStart)
    {
        bodyStart = -1;
        bool isAsync = defAt == 1;
        string name = defAt + 1 < t.Count && t[defAt + 1].Kind == PyTokenKind.Name ? t[defAt + 1].Text : "?";
        string signature = PyHintParser.SourceText(t, 0, t.Count);
        PyFunctionSyntax Fail(string error) => new(
            name, t[0].Line, isAsync, false, new EquatableArray<string>(decorators), EquatableArray<PyParameterSyntax>.Empty,
            null, null, null, null, signature, error);

        if (name == "?") return Fail("'def' is not followed by a name");
        int open = defAt + 2;
        if (open < t.Count && t[open].Is("[")) return Fail("type parameters (def f[T](...)) are not supported");
        if (open >= t.Count || !t[open].Is("(")) return Fail("the name is not followed by '('");
        int close = Matching(t, open);
        if (close < 0) return Fail("the parameter list is not closed");

        var parameters = new List<PyParameterSyntax>();
        string? paramError = ReadParameters(t, open + 1, close, parameters);
        if (paramError is not null) return Fail(paramError);

        int colon = -1;
        int arrow = close + 1 < t.Count && t[close + 1].Is("->") ? close + 1 : -1;
        for (int i = close + 1, depth = 0; i < t.Count; i++)
        {
            if (t[i].Is("(") || t[i].Is("[") || t[i].Is("{")) depth++;
            else if (t[i].Is(")") || t[i].Is("]") || t[i].Is("}")) depth--;
            else if (depth == 0 && t[i].Is(":"))
            {
                colon = i;
                break;
            }
        }
        if (colon < 0) return Fail("the signature does not end with ':'");
        if (arrow < 0 && colon != close + 1) return Fail($"unexpected '{t[close + 1].Text}' after the parameters");

        PyHint? returns = null;
        string? returnText = null;
        string? returnError = null;
        if (arrow >= 0)
        {
            returnText = PyHintParser.SourceText(t, arrow + 1, colon);
            returns = PyHintParser.Parse(t, arrow + 1, colon, out returnError);
        }

        bodyStart = colon + 1;
        signature = PyHintParser.SourceText(t, defAt == 1 ? 0 : 0, colon + 1);
        return new PyFunctionSyntax(
            name, t[0].Line, isAsync, false, new EquatableArray<string>(decorators), new EquatableArray<PyParameterSyntax>(parameters),
            returns, returnText, returnError, null, signature, null);
    }

    private static string? ReadParameters(IReadOnlyList<PyToken> t, int start, int end, List<PyParameterSyntax> parameters)
    {
        bool keywordOnly = false;
        int i = start;
        while (i < end)
        {
            int stop = NextComma(t, i, end);
            if (stop == i) return "an empty parameter (two commas)";
            PyToken first = t[i];
            if (first.Is("/"))
            {
                if (stop != i + 1) return "'/' followed by something other than ','";
                for (int k = 0; k < parameters.Count; k++) parameters[k] = parameters[k] with { Kind = PyParameterKind.PositionalOnly };
            }
            else if (first.Is("*") && stop == i + 1)
            {
                keywordOnly = true;
            }
            else
            {
                PyParameterKind kind = keywordOnly ? PyParameterKind.KeywordOnly : PyParameterKind.Normal;
                int nameAt = i;
                if (first.Is("*"))
                {
                    kind = PyParameterKind.VarPositional;
                    keywordOnly = true;
                    nameAt++;
                }
                else if (first.Is("**"))
                {
                    kind = PyParameterKind.VarKeyword;
                    nameAt++;
                }

                if (nameAt >= stop || t[nameAt].Kind != PyTokenKind.Name) return $"unexpected '{t[Math.Min(nameAt, stop - 1)].Text}' in the parameters";
                PyParameterSyntax? parameter = ReadParameter(t, nameAt, stop, kind, out string? error);
                if (parameter is null) return error;
                parameters.Add(parameter);
            }
            i = stop + 1;
        }
        return null;
    }

    private static PyParameterSyntax? ReadParameter(IReadOnlyList<PyToken> t, int nameAt, int stop, PyParameterKind kind, out string? error)
    {
        error = null;
        string name = t[nameAt].Text;
        int equals = -1;
        for (int k = nameAt + 1, depth = 0; k < stop; k++)
        {
            if (t[k].Is("(") || t[k].Is("[") || t[k].Is("{")) depth++;
            else if (t[k].Is(")") || t[k].Is("]") || t[k].Is("}")) depth--;
            else if (depth == 0 && t[k].Is("="))
            {
                equals = k;
                break;
            }
        }

        int hintEnd = equals >= 0 ? equals : stop;
        PyHint? hint = null;
        string? hintText = null;
        string? hintError = null;
        if (nameAt + 1 < hintEnd)
        {
            if (!t[nameAt + 1].Is(":"))
            {
                error = $"unexpected '{t[nameAt + 1].Text}' after parameter '{name}'";
                return null;
            }
            hintText = PyHintParser.SourceText(t, nameAt + 2, hintEnd);
            hint = PyHintParser.Parse(t, nameAt + 2, hintEnd, out hintError);
        }

        (PyDefaultKind defaultKind, string? defaultText) = equals >= 0 ? ReadDefault(t, equals + 1, stop) : (PyDefaultKind.None, null);
        if (equals >= 0 && equals + 1 >= stop)
        {
            error = $"parameter '{name}' has '=' but no default value";
            return null;
        }
        return new PyParameterSyntax(name, kind, hint, hintText, hintError, defaultKind, defaultText);
    }

    private static (PyDefaultKind, string) ReadDefault(IReadOnlyList<PyToken> t, int start, int end)
    {
        string source = PyHintParser.SourceText(t, start, end);
        int count = end - start;
        if (count <= 0) return (PyDefaultKind.Expression, source);
        bool negative = t[start].Is("-") && count == 2;
        PyToken first = negative ? t[start + 1] : t[start];
        if (count == 1 || negative)
        {
            if (first.Kind == PyTokenKind.Number && PyNumberLiteral.TryInt(first.Text, out string? integer))
                return (PyDefaultKind.Int, (negative ? "-" : "") + integer);
            if (first.Kind == PyTokenKind.Number && PyNumberLiteral.TryFloat(first.Text, out string? real))
                return (PyDefaultKind.Float, (negative ? "-" : "") + real);
            if (!negative && first.IsName("True")) return (PyDefaultKind.Bool, "true");
            if (!negative && first.IsName("False")) return (PyDefaultKind.Bool, "false");
            if (!negative && first.IsName("None")) return (PyDefaultKind.NoneValue, "null");
        }

        if (Enumerable.Range(start, count).All(i => t[i].Kind == PyTokenKind.String))
        {
            string value = "";
            for (int i = start; i < end; i++)
            {
                if (PyStringLiteral.TryDecode(t[i].Text) is not { } part) return (PyDefaultKind.Expression, source);
                value += part;
            }
            return (PyDefaultKind.String, value);
        }
        return (PyDefaultKind.Expression, source);
    }

    private static List<string> ReadBases(IReadOnlyList<PyToken> t)
    {
        var bases = new List<string>();
        if (t.Count < 3 || !t[2].Is("(")) return bases;
        int close = Matching(t, 2);
        if (close < 0) return bases;
        for (int i = 3; i < close;)
        {
            int stop = NextComma(t, i, close);
            if (stop > i) bases.Add(PyHintParser.SourceText(t, i, stop).Replace(" ", ""));
            i = stop + 1;
        }
        return bases;
    }

    private static void ReadImport(IReadOnlyList<PyToken> t, List<PyImportSyntax> imports)
    {
        if (t[0].IsName("import"))
        {
            // import a.b.c [as x], d
            for (int i = 1; i < t.Count;)
            {
                int stop = NextComma(t, i, t.Count);
                int asAt = IndexOfName(t, "as", i, stop);
                string target = Dotted(t, i, asAt >= 0 ? asAt : stop);
                if (target.Length > 0)
                {
                    if (asAt >= 0 && asAt + 1 < stop) imports.Add(new PyImportSyntax(t[asAt + 1].Text, target));
                    else imports.Add(new PyImportSyntax(target, target)); // "import numpy.typing" binds numpy; dotted lookups resolve through the full name
                }
                i = stop + 1;
            }
        }
        else if (t[0].IsName("from") && t.Count > 3)
        {
            int importAt = IndexOfName(t, "import", 1, t.Count);
            if (importAt < 0 || t[1].Is(".") || t[1].Is("...")) return; // relative imports name local modules we do not see
            string module = Dotted(t, 1, importAt);
            for (int i = importAt + 1; i < t.Count;)
            {
                if (t[i].Is("(") || t[i].Is(")"))
                {
                    i++;
                    continue;
                }
                int stop = NextComma(t, i, t.Count);
                while (stop > i && t[stop - 1].Is(")")) stop--;
                int asAt = IndexOfName(t, "as", i, stop);
                if (i < stop && t[i].Kind == PyTokenKind.Name)
                {
                    string name = t[i].Text;
                    string alias = asAt >= 0 && asAt + 1 < stop ? t[asAt + 1].Text : name;
                    imports.Add(new PyImportSyntax(alias, module + "." + name));
                }
                i = NextComma(t, i, t.Count) + 1;
            }
        }
    }

    private static void ReadAlias(IReadOnlyList<PyToken> t, List<PyTypeAliasSyntax> aliases)
    {
        // Name = hint | Name: TypeAlias = hint | type Name = hint (3.12)
        int nameAt = t[0].IsName("type") && t.Count > 3 && t[1].Kind == PyTokenKind.Name && t[2].Is("=") ? 1 : 0;
        if (t[nameAt].Kind != PyTokenKind.Name || t.Count < nameAt + 3) return;
        int equals = t[nameAt + 1].Is("=") ? nameAt + 1
            : t[nameAt + 1].Is(":") && t.Count > nameAt + 4 && t[nameAt + 2].Text == "TypeAlias" && t[nameAt + 3].Is("=") ? nameAt + 3 : -1;
        if (equals < 0) return;
        PyHint? hint = PyHintParser.Parse(t, equals + 1, t.Count, out _);
        // Only hint-shaped values: "X = list[int]" or "X = int | None" is an alias, "X = 5" or "X = f()" is not.
        if (hint is { Kind: PyHintKind.Subscript or PyHintKind.Union } || (hint is not null && nameAt == 1) || (hint is not null && equals == nameAt + 3))
        {
            aliases.Add(new PyTypeAliasSyntax(t[nameAt].Text, hint));
        }
    }

    private static PyAttributeSyntax? ReadAttribute(IReadOnlyList<PyToken> t, int line)
    {
        if (t.Count < 3 || t[0].Kind != PyTokenKind.Name || !t[1].Is(":")) return null;
        int equals = -1;
        for (int k = 2, depth = 0; k < t.Count; k++)
        {
            if (t[k].Is("(") || t[k].Is("[") || t[k].Is("{")) depth++;
            else if (t[k].Is(")") || t[k].Is("]") || t[k].Is("}")) depth--;
            else if (depth == 0 && t[k].Is("="))
            {
                equals = k;
                break;
            }
        }
        int end = equals >= 0 ? equals : t.Count;
        PyHint? hint = PyHintParser.Parse(t, 2, end, out string? error);
        (PyDefaultKind kind, string? value) = equals >= 0 && equals + 1 < t.Count ? ReadDefault(t, equals + 1, t.Count) : (PyDefaultKind.None, null);
        return new PyAttributeSyntax(t[0].Text, line, hint, PyHintParser.SourceText(t, 2, end), error, kind, value);
    }

    private static string? DocString(IReadOnlyList<PyToken> t, int start)
    {
        if (start >= t.Count) return null;
        string doc = "";
        for (int i = start; i < t.Count; i++)
        {
            if (t[i].Is(";") && i == t.Count - 1) break;
            if (t[i].Kind != PyTokenKind.String) return null;
            if (PyStringLiteral.TryDecode(t[i].Text) is not { } part) return null;
            doc += part;
        }
        return doc;
    }

    private static bool ContainsYield(IReadOnlyList<PyToken> t, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (t[i].IsName("yield")) return true;
            if (t[i].IsName("lambda")) return false; // "yield" in a lambda belongs to the lambda (and is rare)
        }
        return false;
    }

    private static int Matching(IReadOnlyList<PyToken> t, int open)
    {
        for (int i = open, depth = 0; i < t.Count; i++)
        {
            if (t[i].Is("(") || t[i].Is("[") || t[i].Is("{")) depth++;
            else if ((t[i].Is(")") || t[i].Is("]") || t[i].Is("}")) && --depth == 0) return i;
        }
        return -1;
    }

    private static int NextComma(IReadOnlyList<PyToken> t, int start, int end)
    {
        for (int i = start, depth = 0; i < end; i++)
        {
            if (t[i].Is("(") || t[i].Is("[") || t[i].Is("{")) depth++;
            else if (t[i].Is(")") || t[i].Is("]") || t[i].Is("}")) depth--;
            else if (depth == 0 && t[i].Is(",")) return i;
        }
        return end;
    }

    private static int IndexOfName(IReadOnlyList<PyToken> t, string name, int start, int end)
    {
        for (int i = start; i < end; i++)
        {
            if (t[i].IsName(name)) return i;
        }
        return -1;
    }

    private static string Dotted(IReadOnlyList<PyToken> t, int start, int end)
    {
        var parts = new List<string>();
        for (int i = start; i < end; i++)
        {
            if (t[i].Kind == PyTokenKind.Name) parts.Add(t[i].Text);
            else if (!t[i].Is(".")) return "";
        }
        return string.Join(".", parts);
    }
}
