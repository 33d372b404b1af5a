using System;
using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Python;

/// <summary>
/// Turns a parsed module into the model the emitter writes: C# names, mapped types, parameter binding and defaults,
/// and a diagnostic for everything that cannot be generated (that function is left out, the rest is generated).
/// </summary>
public sealed class PyModuleBuilder
{
    private readonly string _module;
    private readonly PyTypeMapper _mapper;
    private readonly List<PyDiagnosticInfo> _diagnostics = new();

    private PyModuleBuilder(PyModuleSyntax syntax, string module, Dictionary<string, string> classes)
    {
        _module = module;
        _mapper = new PyTypeMapper(syntax, classes);
    }

    /// <summary>Parses and maps one module file.</summary>
    public static PyModuleModel Build(string filePath, string text, string moduleName, string csharpNamespace, System.Threading.CancellationToken cancellationToken = default)
    {
        string className = PyNaming.ModuleClass(moduleName);
        if (!PyNaming.IsModuleName(moduleName))
        {
            // No class: its name would not be a C# identifier either.
            return new PyModuleModel(filePath, moduleName, csharpNamespace, "", null, default, default,
                new EquatableArray<PyDiagnosticInfo>(new[] { Info(DiagnosticIds.InvalidPythonModule, 1, filePath, $"'{moduleName}' is not a Python import name (set the PromPythonModule metadata to one)") }));
        }

        PyModuleSyntax syntax = PySourceParser.Parse(text, cancellationToken);
        var classes = syntax.Classes.Where(c => !c.Name.StartsWith("_")).GroupBy(c => c.Name).ToDictionary(g => g.Key, g => PyNaming.Pascal(g.Key));
        var builder = new PyModuleBuilder(syntax, moduleName, classes);
        foreach (PyParseProblem problem in syntax.Problems.Where(p => p.Function is null))
        {
            builder._diagnostics.Add(Info(DiagnosticIds.InvalidPythonModule, problem.Line, filePath, problem.Message));
        }

        var members = new Dictionary<string, string>(StringComparer.Ordinal) { [className] = "is the module class itself" };
        foreach (string reserved in PyNaming.Reserved) members[reserved] = "is a member every module class has";

        var wrappers = new List<PyClassModel>();
        foreach (PyClassSyntax cls in syntax.Classes.Where(c => !c.Name.StartsWith("_")).GroupBy(c => c.Name).Select(g => g.Last()))
        {
            if (builder.Claim(members, classes[cls.Name], cls.Name, cls.Line)) wrappers.Add(builder.Class(cls, classes[cls.Name], members));
        }

        var functions = new List<PyFunctionModel>();
        foreach (PyFunctionSyntax function in builder.Exported(syntax.Functions))
        {
            if (builder.Function(function, function.Name, PyNaming.Pascal(function.Name), dropFirst: false) is { } model
                && builder.Claim(members, model.CSharpName, function.Name, function.Line))
            {
                functions.Add(model);
            }
        }

        return new PyModuleModel(filePath, moduleName, csharpNamespace, className, syntax.Doc,
            new EquatableArray<PyFunctionModel>(functions), new EquatableArray<PyClassModel>(wrappers), new EquatableArray<PyDiagnosticInfo>(builder._diagnostics));
    }

    private static PyDiagnosticInfo Info(string id, int line, params string[] args) => new(id, line, new EquatableArray<string>(args));

    private void Report(string id, int line, params string[] args) => _diagnostics.Add(Info(id, line, new[] { _module }.Concat(args).ToArray()));

    /// <summary>Public defs, the last definition of a name winning (as in Python); overload stubs are left out.</summary>
    private IEnumerable<PyFunctionSyntax> Exported(IEnumerable<PyFunctionSyntax> defs)
    {
        var list = defs.Where(d => !d.Name.StartsWith("_")).ToList();
        foreach (IGrouping<string, PyFunctionSyntax> group in list.GroupBy(d => d.Name))
        {
            PyFunctionSyntax[] implementations = group.Where(d => !d.Decorators.Any(IsOverload) && !IsSetter(d)).ToArray();
            if (implementations.Length == 0)
            {
                if (group.Any(d => d.Decorators.Any(IsOverload)))
                    Report(DiagnosticIds.UnsupportedPythonFunction, group.First().Line, group.Key, "it has only @overload signatures (a .pyi stub); overloads are not mapped, declare one signature");
                continue;
            }
            yield return implementations[implementations.Length - 1];
        }
    }

    private static bool IsOverload(string decorator) => decorator is "overload" or "typing.overload" or "typing_extensions.overload";

    private static bool IsSetter(PyFunctionSyntax def) => def.Decorators.Any(d => d == def.Name + ".setter" || d == def.Name + ".deleter");

    private bool Claim(Dictionary<string, string> members, string csharpName, string pythonName, int line)
    {
        if (members.TryGetValue(csharpName, out string? owner))
        {
            Report(DiagnosticIds.PythonNameCollision, line, pythonName, csharpName, owner);
            return false;
        }
        members[csharpName] = $"is already generated for '{pythonName}'";
        return true;
    }

    private PyClassModel Class(PyClassSyntax cls, string csharpName, Dictionary<string, string> moduleMembers)
    {
        var members = new Dictionary<string, string>(StringComparer.Ordinal) { [csharpName] = "is the wrapper class itself" };
        foreach (string reserved in PyNaming.Reserved) members[reserved] = "is a member every wrapper has";

        PyFunctionModel? constructor = null;
        string createName = "Create" + csharpName;
        PyFunctionSyntax? init = cls.Methods.LastOrDefault(m => m.Name == "__init__");
        if (init is not null)
        {
            constructor = Function(init, cls.Name, createName, dropFirst: true, ownerName: cls.Name) is { } c ? c with { Return = WrapperType(csharpName) } : null;
        }
        else if (cls.Decorators.Any(d => d is "dataclass" or "dataclasses.dataclass" || d.StartsWith("dataclass(") || d.StartsWith("dataclasses.dataclass(")))
        {
            constructor = DataclassConstructor(cls, createName, csharpName);
        }
        else if (!cls.Methods.Any(m => m.Name == "__new__"))
        {
            constructor = new PyFunctionModel(cls.Name, createName, PyCallKind.Plain, default, WrapperType(csharpName), cls.Doc, cls.Name + "()", "timeout", "cancellationToken");
        }
        if (constructor is not null && !Claim(moduleMembers, createName, cls.Name + "()", cls.Line)) constructor = null;

        var properties = new List<PyPropertyModel>();
        foreach (PyAttributeSyntax attribute in cls.Attributes.Where(a => !a.Name.StartsWith("_")))
        {
            if (attribute.Hint is { Kind: PyHintKind.Subscript } classVar && classVar.Text is "ClassVar" or "typing.ClassVar") continue;
            PyMappedType? type = MapOrReport(attribute.Hint, attribute.HintError, attribute.HintText, PyHintPosition.Return, $"{cls.Name}.{attribute.Name}", "the attribute", attribute.Line);
            if (type is null || type.Shape is PyValueShape.Void or PyValueShape.Iterator) continue;
            string name = PyNaming.Pascal(attribute.Name);
            if (Claim(members, "Get" + name, $"{cls.Name}.{attribute.Name}", attribute.Line) && Claim(members, "Set" + name, $"{cls.Name}.{attribute.Name}", attribute.Line))
            {
                properties.Add(new PyPropertyModel(attribute.Name, name, type, HasSetter: true, null));
            }
        }

        var methods = new List<PyFunctionModel>();
        foreach (PyFunctionSyntax method in Exported(cls.Methods))
        {
            string qualified = $"{cls.Name}.{method.Name}";
            if (method.Decorators.Any(d => d is "property" or "functools.cached_property" or "cached_property"))
            {
                PyMappedType? type = MapOrReport(method.Return, method.ReturnError, method.ReturnText, PyHintPosition.Return, qualified, "the property", method.Line);
                if (type is null || type.Shape is PyValueShape.Void or PyValueShape.Iterator) continue;
                string name = PyNaming.Pascal(method.Name);
                bool setter = cls.Methods.Any(m => m.Decorators.Any(d => d == method.Name + ".setter"));
                if (Claim(members, "Get" + name, qualified, method.Line) && (!setter || Claim(members, "Set" + name, qualified, method.Line)))
                {
                    properties.Add(new PyPropertyModel(method.Name, name, type, setter, method.Doc));
                }
                continue;
            }

            bool isStatic = method.Decorators.Any(d => d is "staticmethod");
            if (Function(method, method.Name, PyNaming.Pascal(method.Name), dropFirst: !isStatic, ownerName: cls.Name) is { } model
                && Claim(members, model.CSharpName, qualified, method.Line))
            {
                methods.Add(model);
            }
        }

        return new PyClassModel(cls.Name, csharpName, cls.Doc, constructor, new EquatableArray<PyFunctionModel>(methods), new EquatableArray<PyPropertyModel>(properties));
    }

    private static PyMappedType WrapperType(string csharpName) => PyMappedType.Of(csharpName, PyValueShape.ClassWrapper, csharpName);

    private PyFunctionModel? DataclassConstructor(PyClassSyntax cls, string createName, string csharpName)
    {
        var parameters = cls.Attributes
            .Where(a => !(a.Hint is { Kind: PyHintKind.Subscript } h && h.Text is "ClassVar" or "typing.ClassVar"))
            .Select(a => new PyParameterSyntax(a.Name, PyParameterKind.Normal, a.Hint, a.HintText, a.HintError, a.DefaultKind, a.DefaultText))
            .ToArray();
        var init = new PyFunctionSyntax("__init__", cls.Line, false, false, default, new EquatableArray<PyParameterSyntax>(parameters),
            null, null, null, cls.Doc, cls.Name + "(" + string.Join(", ", parameters.Select(p => p.Name)) + ")", null);
        return Function(init, cls.Name, createName, dropFirst: false, ownerName: cls.Name) is { } c ? c with { Return = WrapperType(csharpName) } : null;
    }

    private PyMappedType? MapOrReport(PyHint? hint, string? hintError, string? hintText, PyHintPosition position, string function, string what, int line)
    {
        if (hintError is not null)
        {
            Report(DiagnosticIds.UnsupportedPythonHint, line, function, what, hintText ?? "", "it cannot be read: " + hintError);
            return null;
        }
        PyMappedType? type = _mapper.Map(hint, position, out string? why);
        if (type is null) Report(DiagnosticIds.UnsupportedPythonHint, line, function, what, hintText ?? hint?.ToString() ?? "", why ?? "");
        return type;
    }

    private PyFunctionModel? Function(PyFunctionSyntax def, string pythonName, string csharpName, bool dropFirst, string? ownerName = null)
    {
        string qualified = ownerName is null ? def.Name : $"{ownerName}.{def.Name}";
        if (def.Error is { } error)
        {
            Report(DiagnosticIds.PythonSignatureUnreadable, def.Line, qualified, error);
            return null;
        }
        if (def.IsAsync && def.IsGenerator)
        {
            Report(DiagnosticIds.UnsupportedPythonFunction, def.Line, qualified, "async generators are not mapped (an async def that yields); return a list or use a plain generator");
            return null;
        }

        IEnumerable<PyParameterSyntax> written = def.Parameters;
        if (dropFirst)
        {
            PyParameterSyntax? self = def.Parameters.FirstOrDefault();
            if (self is null || self.Kind is not (PyParameterKind.Normal or PyParameterKind.PositionalOnly))
            {
                Report(DiagnosticIds.UnsupportedPythonFunction, def.Line, qualified, "a method without a 'self' parameter is not mapped (mark it @staticmethod)");
                return null;
            }
            written = def.Parameters.Skip(1);
        }

        var parameters = new List<PyParameterModel>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        int index = 0;
        foreach (PyParameterSyntax p in written)
        {
            PyParameterModel? parameter = Parameter(p, index++, qualified, def.Line);
            if (parameter is null) return null;
            if (!names.Add(parameter.CSharpName))
            {
                Report(DiagnosticIds.PythonNameCollision, def.Line, $"{qualified}({p.Name})", parameter.CSharpName, "is the C# name of another parameter");
                return null;
            }
            parameters.Add(parameter);
        }

        PyMappedType? result = MapOrReport(def.Return, def.ReturnError, def.ReturnText, PyHintPosition.Return, qualified, "the result", def.Line);
        if (result is null) return null;
        PyCallKind call = def.IsAsync ? PyCallKind.Coroutine : PyCallKind.Plain;
        if (def.IsGenerator)
        {
            if (def.Return is null) result = new PyMappedType("global::System.Collections.Generic.IAsyncEnumerable<object?>", PyValueShape.Iterator, false, "", new PyMappedType("object?", PyValueShape.Plain, true, "", null));
            else if (result.Shape != PyValueShape.Iterator)
            {
                Report(DiagnosticIds.UnsupportedPythonHint, def.Line, qualified, "the result", def.Return.ToString(), "a generator's result is annotated Iterator[T], Iterable[T] or Generator[T, ...]");
                return null;
            }
        }
        if (result.Shape == PyValueShape.Iterator)
        {
            if (def.IsAsync)
            {
                Report(DiagnosticIds.UnsupportedPythonFunction, def.Line, qualified, "an async def returning an iterator is not mapped");
                return null;
            }
            call = PyCallKind.Iterate;
        }

        string timeout = names.Contains("timeout") ? "callTimeout" : "timeout";
        string token = names.Contains("cancellationToken") ? "callCancellationToken" : "cancellationToken";
        return new PyFunctionModel(pythonName, csharpName, call, new EquatableArray<PyParameterModel>(parameters), result, def.Doc, def.Signature, timeout, token);
    }

    private PyParameterModel? Parameter(PyParameterSyntax p, int index, string function, int line)
    {
        string what = p.Kind switch
        {
            PyParameterKind.VarPositional => $"parameter '*{p.Name}'",
            PyParameterKind.VarKeyword => $"parameter '**{p.Name}'",
            _ => $"parameter '{p.Name}'",
        };
        PyMappedType? type = MapOrReport(p.Hint, p.HintError, p.HintText, PyHintPosition.Parameter, function, what, line);
        if (type is null) return null;
        string name = PyNaming.Camel(p.Name, index);

        switch (p.Kind)
        {
            case PyParameterKind.VarPositional:
                if (type.Shape is not (PyValueShape.Plain or PyValueShape.Literal or PyValueShape.Tupled))
                {
                    Report(DiagnosticIds.UnsupportedPythonHint, line, function, what, p.Hint?.ToString() ?? "", "*args items must be plain values");
                    return null;
                }
                return new PyParameterModel(p.Name, name, p.Kind, PyMappedType.Of("global::System.Collections.Generic.IEnumerable<" + type.CSharpType + ">?") with { IsNullable = true }, "null", true);
            case PyParameterKind.VarKeyword:
                if (type.Shape is not (PyValueShape.Plain or PyValueShape.Literal or PyValueShape.Tupled))
                {
                    Report(DiagnosticIds.UnsupportedPythonHint, line, function, what, p.Hint?.ToString() ?? "", "**kwargs values must be plain values");
                    return null;
                }
                return new PyParameterModel(p.Name, name, p.Kind, PyMappedType.Of("global::System.Collections.Generic.IReadOnlyDictionary<string, " + type.CSharpType + ">?") with { IsNullable = true }, "null", true);
        }

        if (type.Shape == PyValueShape.Void || type.Shape == PyValueShape.Iterator)
        {
            Report(DiagnosticIds.UnsupportedPythonHint, line, function, what, p.Hint?.ToString() ?? "", "it is not a parameter type");
            return null;
        }

        string? literal = DefaultLiteral(p, type);
        switch (p.DefaultKind)
        {
            case PyDefaultKind.None:
                return new PyParameterModel(p.Name, name, p.Kind, type, null, false);
            case PyDefaultKind.NoneValue:
                return new PyParameterModel(p.Name, name, p.Kind, PyTypeMapper.Nullable(type), "null", false);
            default:
                return literal is not null
                    ? new PyParameterModel(p.Name, name, p.Kind, type, literal, false)
                    : new PyParameterModel(p.Name, name, p.Kind, PyTypeMapper.Nullable(type), "null", true); // C# cannot repeat it: omit, Python's default applies
        }
    }

    /// <summary>The C# constant for a literal default when the C# type can hold it as written, else null.</summary>
    private static string? DefaultLiteral(PyParameterSyntax p, PyMappedType type)
    {
        string core = type.IsNullable ? type.CSharpType.TrimEnd('?') : type.CSharpType;
        string? text = p.DefaultText;
        string? literal = p.DefaultKind switch
        {
            PyDefaultKind.Int when core is "long" or "double" => text,
            PyDefaultKind.Float when core is "double" => text,
            PyDefaultKind.String when core is "string" => CSharpLiteral.String(text ?? ""),
            PyDefaultKind.Bool when core is "bool" => text,
            _ => null,
        };
        if (literal is null || type.Shape != PyValueShape.Literal) return literal;
        // A Literal parameter's default must be one of its values (C# spelling of ints carries an L suffix there).
        string spelled = core == "long" ? literal + "L" : literal;
        return type.Detail.Split('\u001f').Contains(spelled) ? literal : null;
    }
}
