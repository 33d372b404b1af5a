using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel;
using Prom.CodeModel.Python;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Python;

/// <summary>
/// Writes one generated method: the C# signature (required parameters first, then optional ones, then the call's
/// timeout and token), the argument binding that respects positional-only, keyword-only, omitted defaults,
/// <c>*args</c> and <c>**kwargs</c>, and the call with its result conversion.
/// </summary>
internal static class PyMethodEmitter
{
    private const string Task = "global::System.Threading.Tasks.Task";

    /// <summary>Writes <paramref name="f"/>; <paramref name="path"/> is the expression of the callable's owner path.</summary>
    public static void Write(SourceWriter w, PyFunctionModel f, string path, string fallbackDoc)
    {
        PyDocWriter.Write(w, f.Doc, fallbackDoc, f.Signature);
        string returnType = f.Call == PyCallKind.Iterate ? f.Return.CSharpType
            : f.Return.Shape == PyValueShape.Void ? Task
            : Task + "<" + f.Return.CSharpType + ">";
        bool isAsync = f.Call == PyCallKind.Plain && PyValueCode.Converts(f.Return);
        w.Line("public " + (isAsync ? "async " : "") + returnType + " " + f.CSharpName + "(" + Parameters(f) + ")");
        w.Open();
        foreach (PyParameterModel p in f.Parameters)
        {
            if (PyValueCode.LiteralCheck(p.CSharpName, p.Type) is { } check) w.Line(check);
        }

        string args = Arguments(w, f);
        string name = Quote(f.PythonName);
        string target = PyValueCode.Support + ".Path(" + path + ", " + f.TimeoutName + ", " + f.TokenName + ")";
        switch (f.Call)
        {
            case PyCallKind.Iterate:
                PyMappedType element = f.Return.Element!;
                string convert = PyValueCode.Converts(element) ? "static __item => " + PyValueCode.Result("__item", element) : "static __item => __item";
                w.Line("return " + PyValueCode.Support + ".Iterate<" + PyValueCode.RawType(element) + ", " + element.CSharpType + ">("
                    + path + ", " + name + ", " + args + ", " + convert + ", " + f.TimeoutName + ", " + f.TokenName + ");");
                break;
            case PyCallKind.Coroutine:
                string run = PyValueCode.Support + ".RunCoroutine<" + PyValueCode.RawType(f.Return) + ">(" + path + ", " + name + ", " + args + ", " + f.TimeoutName + ", " + f.TokenName + ")";
                if (f.Return.Shape == PyValueShape.Void) w.Line("return " + run + ";");
                else if (PyValueCode.Converts(f.Return)) w.Line("return " + Continue(run, f.Return) + ";");
                else w.Line("return " + run + ";");
                break;
            default:
                if (f.Return.Shape == PyValueShape.Void) w.Line("return " + target + ".Call(" + name + ", " + args + ");");
                else if (isAsync) w.Line("return " + PyValueCode.Result("await " + target + ".Call<" + PyValueCode.RawType(f.Return) + ">(" + name + ", " + args + ").ConfigureAwait(false)", f.Return) + ";");
                else w.Line("return " + target + ".Call<" + f.Return.CSharpType + ">(" + name + ", " + args + ");");
                break;
        }
        w.Close();
    }

    // A coroutine result that needs converting: a local async function keeps the public method non-async.
    private static string Continue(string run, PyMappedType type) =>
        "((global::System.Func<" + Task + "<" + type.CSharpType + ">>)(async () => " + PyValueCode.Result("await " + run + ".ConfigureAwait(false)", type) + "))()";

    /// <summary>The C# parameter list: required first, then optional (Python order within each), then timeout and token.</summary>
    public static string Parameters(PyFunctionModel f)
    {
        IEnumerable<PyParameterModel> ordered = f.Parameters.Where(p => p.DefaultValue is null)
            .Concat(f.Parameters.Where(p => p.DefaultValue is not null && p.Kind is not (PyParameterKind.VarPositional or PyParameterKind.VarKeyword)))
            .Concat(f.Parameters.Where(p => p.Kind is PyParameterKind.VarPositional or PyParameterKind.VarKeyword));
        var list = ordered.Select(p => PyValueCode.ParameterType(p.Type) + " " + p.CSharpName + (p.DefaultValue is null ? "" : " = " + p.DefaultValue)).ToList();
        list.Add("global::System.TimeSpan? " + f.TimeoutName + " = null");
        list.Add("global::System.Threading.CancellationToken " + f.TokenName + " = default");
        return string.Join(", ", list);
    }

    /// <summary>Writes the binding statements when needed and returns the expression of the argument array.</summary>
    private static string Arguments(SourceWriter w, PyFunctionModel f)
    {
        bool simple = f.Parameters.All(p => !p.OmitWhenNull && p.Kind is PyParameterKind.Normal or PyParameterKind.PositionalOnly);
        if (simple)
        {
            return "new object?[] { " + string.Join(", ", f.Parameters.Select(p => PyValueCode.Argument(p.CSharpName, p.Type))) + " }";
        }

        w.Line("var __args = new global::System.Collections.Generic.List<object?>(" + f.Parameters.Count + ");");
        w.Line("global::Prom.Bridge.PyKwargs? __kwargs = null;");
        bool anyOmittable = f.Parameters.Any(p => p.OmitWhenNull && p.Kind is PyParameterKind.Normal or PyParameterKind.PositionalOnly);
        if (anyOmittable) w.Line("bool __omitted = false;");
        bool afterOmittable = false;
        foreach (PyParameterModel p in f.Parameters)
        {
            string value = PyValueCode.Argument(p.CSharpName, p.Type);
            string keyword = "(__kwargs ??= new global::Prom.Bridge.PyKwargs()).Add(" + Quote(p.PythonName) + ", " + value + ");";
            switch (p.Kind)
            {
                case PyParameterKind.PositionalOnly:
                case PyParameterKind.Normal:
                    string positional = p.Kind == PyParameterKind.Normal
                        ? "if (__omitted) " + keyword + " else __args.Add(" + value + ");"
                        : "if (__omitted) throw new global::System.ArgumentException(\"'" + p.PythonName + "' is positional-only in Python and cannot follow an omitted argument.\", nameof(" + p.CSharpName + ")); __args.Add(" + value + ");";
                    if (!afterOmittable && !p.OmitWhenNull) w.Line("__args.Add(" + value + ");");
                    else if (p.OmitWhenNull) w.Line("if (" + p.CSharpName + " is not null) { " + positional + " } else __omitted = true;");
                    else w.Line(positional);
                    afterOmittable |= p.OmitWhenNull;
                    break;
                case PyParameterKind.KeywordOnly:
                    w.Line(p.OmitWhenNull ? "if (" + p.CSharpName + " is not null) " + keyword : keyword);
                    break;
                case PyParameterKind.VarPositional:
                    string guard = anyOmittable ? "if (__omitted) throw new global::System.ArgumentException(\"Passing *" + p.PythonName + " needs every positional argument before it.\", nameof(" + p.CSharpName + ")); " : "";
                    w.Line("if (" + p.CSharpName + " is not null) foreach (var __item in " + p.CSharpName + ") { " + guard + "__args.Add(__item); }");
                    break;
                case PyParameterKind.VarKeyword:
                    w.Line("if (" + p.CSharpName + " is not null) " + PyValueCode.Support + ".AddKeywords(__kwargs ??= new global::Prom.Bridge.PyKwargs(), " + p.CSharpName + ");");
                    break;
            }
        }
        w.Line("if (__kwargs is not null) __args.Add(__kwargs);");
        return "__args.ToArray()";
    }

    /// <summary>A C# string literal.</summary>
    public static string Quote(string text) => CSharpLiteral.String(text);
}
