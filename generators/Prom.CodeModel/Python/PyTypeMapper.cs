using System.Collections.Generic;
using System.Linq;

namespace Prom.CodeModel.Python;

/// <summary>
/// Maps Python type hints to C# types (the table in docs/bridge.md, "Typed modules"). Names are resolved through the
/// module's imports and type aliases first, so <c>np.float64</c>, <c>npt.NDArray</c>, <c>Optional</c> and
/// <c>typing.Optional</c> mean what Python means. Returns null with a reason for anything it cannot map.
/// </summary>
public sealed class PyTypeMapper
{
    private const string List = "global::System.Collections.Generic.IReadOnlyList<";
    private const int MaxDepth = 32;

    private static readonly Dictionary<string, string> s_scalars = new()
    {
        ["builtins.int"] = "long",
        ["builtins.float"] = "double",
        ["builtins.str"] = "string",
        ["builtins.bool"] = "bool",
        ["builtins.bytes"] = "byte[]",
        ["numpy.float64"] = "double", ["numpy.double"] = "double", ["numpy.float32"] = "float", ["numpy.single"] = "float",
        ["numpy.int64"] = "long", ["numpy.int32"] = "int", ["numpy.int16"] = "short", ["numpy.int8"] = "sbyte",
        ["numpy.uint64"] = "ulong", ["numpy.uint32"] = "uint", ["numpy.uint16"] = "ushort", ["numpy.uint8"] = "byte",
        ["numpy.bool_"] = "bool",
    };

    private static readonly Dictionary<string, string> s_dtypes = new()
    {
        ["numpy.float64"] = "double", ["numpy.double"] = "double", ["numpy.float32"] = "float", ["numpy.single"] = "float",
        ["numpy.float16"] = "global::System.Half", ["numpy.half"] = "global::System.Half",
        ["numpy.int64"] = "long", ["numpy.int32"] = "int", ["numpy.int16"] = "short", ["numpy.int8"] = "sbyte",
        ["numpy.uint64"] = "ulong", ["numpy.uint32"] = "uint", ["numpy.uint16"] = "ushort", ["numpy.uint8"] = "byte",
        ["numpy.bool_"] = "bool",
    };

    private static readonly HashSet<string> s_builtins = new()
    {
        "int", "float", "str", "bool", "bytes", "bytearray", "list", "dict", "tuple", "set", "frozenset", "object", "type", "complex",
        "memoryview", "range", "slice",
    };

    private readonly Dictionary<string, string> _imports = new();
    private readonly Dictionary<string, PyHint> _aliases = new();
    private readonly Dictionary<string, string> _classes;

    /// <summary>Creates a mapper for one module.</summary>
    /// <param name="module">The parsed module (imports, aliases).</param>
    /// <param name="classes">Python class name → C# wrapper name of the module's wrapped classes.</param>
    public PyTypeMapper(PyModuleSyntax module, Dictionary<string, string> classes)
    {
        foreach (PyImportSyntax import in module.Imports) _imports[import.Alias] = import.Target;
        foreach (PyTypeAliasSyntax alias in module.Aliases)
        {
            if (!classes.ContainsKey(alias.Name)) _aliases[alias.Name] = alias.Hint;
        }
        _classes = classes;
    }

    /// <summary>Maps a hint (null: no annotation, which maps to <c>object?</c>).</summary>
    public PyMappedType? Map(PyHint? hint, PyHintPosition position, out string? why) => Map(hint, position, 0, out why);

    private PyMappedType? Map(PyHint? hint, PyHintPosition position, int depth, out string? why)
    {
        why = null;
        if (hint is null) return new PyMappedType("object?", PyValueShape.Plain, true, "", null);
        if (depth > MaxDepth)
        {
            why = "it nests too deeply (or an alias refers to itself)";
            return null;
        }

        switch (hint.Kind)
        {
            case PyHintKind.None:
                if (position == PyHintPosition.Return) return PyMappedType.Of("void", PyValueShape.Void);
                why = "a None-only value carries nothing (use it in Optional[...] or as a return)";
                return null;
            case PyHintKind.String:
                PyHint? inner = PyHintParser.ParseText(hint.Text, out string? error);
                if (inner is null)
                {
                    why = $"the string annotation cannot be read: {error}";
                    return null;
                }
                return Map(inner, position, depth + 1, out why);
            case PyHintKind.Union:
                return Union(hint.Args.ToList(), position, depth, out why);
            case PyHintKind.Name:
            case PyHintKind.Subscript:
                return Named(hint, position, depth, out why);
            default:
                why = "it is not a type";
                return null;
        }
    }

    private PyMappedType? Named(PyHint hint, PyHintPosition position, int depth, out string? why)
    {
        why = null;
        string name = Resolve(hint.Text, out PyHint? alias);
        if (alias is not null)
        {
            if (hint.Kind == PyHintKind.Subscript)
            {
                why = "generic type aliases are not mapped";
                return null;
            }
            return Map(alias, position, depth + 1, out why);
        }

        IReadOnlyList<PyHint> args = hint.Args;
        bool bare = hint.Kind == PyHintKind.Name;
        if (name.StartsWith("local:"))
        {
            string wrapper = _classes[name.Substring(6)];
            if (position == PyHintPosition.Element)
            {
                why = $"instances of {name.Substring(6)} inside containers are not mapped (only as a parameter or a result)";
                return null;
            }
            return PyMappedType.Of(wrapper, PyValueShape.ClassWrapper, wrapper);
        }

        if (bare && s_scalars.TryGetValue(name, out string? scalar)) return PyMappedType.Of(scalar);
        if (bare && name == "builtins.bytearray" && position != PyHintPosition.Parameter) return PyMappedType.Of("byte[]");
        if (bare && name is "typing.Any" or "builtins.object") return new PyMappedType("object?", PyValueShape.Plain, true, "", null);

        switch (name)
        {
            case "typing.Optional" when args.Count == 1:
                return Union(new List<PyHint> { args[0], PyHint.Leaf(PyHintKind.None, "None") }, position, depth, out why);
            case "typing.Union" when args.Count >= 1:
                return Union(args.ToList(), position, depth, out why);
            case "typing.Annotated" when args.Count >= 2:
                return Annotated(args, position, depth, out why);
            case "typing.Literal" when args.Count >= 1:
                return Literal(args, out why);
            case "builtins.list" or "typing.List" or "typing.Sequence" or "typing.MutableSequence" or "typing.Collection" or "typing.Reversible":
                return Sequence(args, bare, depth, out why);
            case "typing.Iterable" when position == PyHintPosition.Parameter:
                return Sequence(args, bare, depth, out why, "global::System.Collections.Generic.IEnumerable<");
            case "typing.Iterable" or "typing.Iterator" or "typing.Generator" when position == PyHintPosition.Return:
                return Iterator(args, depth, out why);
            case "builtins.tuple" or "typing.Tuple":
                return Tuple(args, bare, depth, out why);
            case "builtins.dict" or "typing.Dict" or "typing.Mapping" or "typing.MutableMapping":
                return Dictionary(args, bare, depth, out why);
            case "numpy.typing.NDArray" when args.Count == 1 && position != PyHintPosition.Element:
                return NumpyArray(args[0], out why);
        }

        why = name switch
        {
            "numpy.ndarray" or "numpy.typing.NDArray" => "numpy arrays need a dtype: NDArray[np.float64] (or Annotated[NDArray[np.void], \"My.Struct\"] for [Struct] arrays); arrays inside containers are not mapped",
            "builtins.set" or "builtins.frozenset" or "typing.Set" or "typing.FrozenSet" or "typing.AbstractSet" or "typing.MutableSet" => "sets are not mapped (the bridge sends C# collections as lists); use list[...]",
            "typing.Iterator" or "typing.Generator" => "iterators are mapped only as results",
            "typing.AsyncIterator" or "typing.AsyncIterable" or "typing.AsyncGenerator" => "async iterators are not mapped",
            "typing.Callable" => "callables are not mapped",
            "builtins.complex" => "complex numbers are not mapped",
            "builtins.bytearray" => "bytearray parameters are not mapped (the bridge sends bytes); use bytes",
            _ when s_scalars.ContainsKey(name) => "it takes no type arguments",
            _ => "it is not a type the generator maps",
        };
        return null;
    }

    /// <summary>The full dotted name a written name stands for, or an alias's hint, or <c>local:Class</c>.</summary>
    private string Resolve(string written, out PyHint? alias)
    {
        alias = null;
        string[] parts = written.Split('.');
        if (parts.Length == 1 && _classes.ContainsKey(written)) return "local:" + written;
        if (parts.Length == 1 && _aliases.TryGetValue(written, out PyHint? aliased))
        {
            alias = aliased;
            return written;
        }

        string resolved = written;
        for (int n = parts.Length; n >= 1; n--)
        {
            string prefix = string.Join(".", parts, 0, n);
            if (_imports.TryGetValue(prefix, out string? target))
            {
                resolved = target + (n < parts.Length ? "." + string.Join(".", parts, n, parts.Length - n) : "");
                break;
            }
            if (n == 1 && s_builtins.Contains(prefix)) resolved = "builtins." + written;
        }
        return Canonical(resolved);
    }

    private static string Canonical(string name)
    {
        if (name.StartsWith("typing_extensions.")) name = "typing." + name.Substring("typing_extensions.".Length);
        if (name.StartsWith("collections.abc.")) name = "typing." + name.Substring("collections.abc.".Length);
        return name;
    }

    private PyMappedType? Union(List<PyHint> members, PyHintPosition position, int depth, out string? why)
    {
        why = null;
        var flat = new List<PyHint>();
        foreach (PyHint member in members)
        {
            if (member.Kind == PyHintKind.Union) flat.AddRange(member.Args);
            else flat.Add(member);
        }
        bool hasNone = flat.RemoveAll(m => m.Kind == PyHintKind.None || (m.Kind == PyHintKind.Name && m.Text is "None" or "types.NoneType")) > 0;
        if (flat.Count != 1)
        {
            why = "unions of several types are not mapped (only X | None); split the function or use a common type";
            return null;
        }
        PyMappedType? single = Map(flat[0], position == PyHintPosition.Return ? PyHintPosition.Return : position, depth + 1, out why);
        if (single is null) return null;
        if (!hasNone) return single;
        if (single.Shape is PyValueShape.Void or PyValueShape.Iterator)
        {
            why = "an optional iterator or None is not mapped";
            return null;
        }
        return Nullable(single);
    }

    /// <summary>The same type allowing null (<c>long?</c>, <c>string?</c>).</summary>
    public static PyMappedType Nullable(PyMappedType type) =>
        type.IsNullable ? type : type with { CSharpType = type.CSharpType + "?", IsNullable = true };

    private PyMappedType? Annotated(IReadOnlyList<PyHint> args, PyHintPosition position, int depth, out string? why)
    {
        why = null;
        string? request = args.Skip(1).Where(a => a.Kind == PyHintKind.String).Select(a => a.Text).FirstOrDefault();
        PyHint target = args[0];
        if (target.Kind == PyHintKind.String && PyHintParser.ParseText(target.Text, out _) is { } unquoted) target = unquoted;
        string targetName = target.Kind is PyHintKind.Name or PyHintKind.Subscript ? Resolve(target.Text, out _) : "";
        if (request == "BigInteger" && target.Kind == PyHintKind.Name && targetName == "builtins.int")
        {
            return PyMappedType.Of("global::System.Numerics.BigInteger");
        }
        if (request is not null && target.Kind == PyHintKind.Subscript && targetName == "numpy.typing.NDArray")
        {
            if (position == PyHintPosition.Element)
            {
                why = "arrays inside containers are not mapped";
                return null;
            }
            if (!IsDottedIdentifier(request))
            {
                why = $"'{request}' is not a C# type name for the [Struct] of the array";
                return null;
            }
            string element = "global::" + request;
            return PyMappedType.Of("global::Prom.Bridge.SharedArray<" + element + ">", PyValueShape.StructArray, element);
        }
        return Map(target, position, depth + 1, out why);
    }

    private static bool IsDottedIdentifier(string text) =>
        text.Split('.').All(part => part.Length > 0 && (char.IsLetter(part[0]) || part[0] == '_') && part.All(c => char.IsLetterOrDigit(c) || c == '_'));

    private static PyMappedType? Literal(IReadOnlyList<PyHint> args, out string? why)
    {
        why = null;
        var values = new List<string>();
        PyHintKind? kind = null;
        foreach (PyHint arg in args)
        {
            if (arg.Kind is not (PyHintKind.String or PyHintKind.Number or PyHintKind.Bool) || (kind is { } k && k != arg.Kind))
            {
                why = "Literal values must all be strings, all ints or all bools";
                return null;
            }
            kind = arg.Kind;
            switch (arg.Kind)
            {
                case PyHintKind.String: values.Add(CSharpLiteral.String(arg.Text)); break;
                case PyHintKind.Bool: values.Add(arg.Text == "True" ? "true" : "false"); break;
                default:
                    bool negative = arg.Text.StartsWith("-");
                    if (!PyNumberLiteral.TryInt(negative ? arg.Text.Substring(1) : arg.Text, out string? value))
                    {
                        why = $"the Literal value {arg.Text} is not an int that fits in 64 bits";
                        return null;
                    }
                    values.Add((negative ? "-" : "") + value + "L");
                    break;
            }
        }
        string type = kind == PyHintKind.String ? "string" : kind == PyHintKind.Bool ? "bool" : "long";
        return PyMappedType.Of(type, PyValueShape.Literal, string.Join("\u001f", values));
    }

    private PyMappedType? Element(IReadOnlyList<PyHint> args, int index, int depth, out string? why) =>
        Map(args[index], PyHintPosition.Element, depth + 1, out why);

    private PyMappedType? Sequence(IReadOnlyList<PyHint> args, bool bare, int depth, out string? why, string generic = List)
    {
        why = null;
        if (!bare && args.Count != 1)
        {
            why = "it takes exactly one type argument";
            return null;
        }
        PyMappedType? element = bare ? new PyMappedType("object?", PyValueShape.Plain, true, "", null) : Element(args, 0, depth, out why);
        if (element is null) return null;
        return PyMappedType.Of(generic + element.CSharpType + ">", Contained(element));
    }

    private PyMappedType? Iterator(IReadOnlyList<PyHint> args, int depth, out string? why)
    {
        why = null;
        PyMappedType? element = args.Count == 0 ? new PyMappedType("object?", PyValueShape.Plain, true, "", null) : Element(args, 0, depth, out why);
        if (element is null) return null;
        return new PyMappedType("global::System.Collections.Generic.IAsyncEnumerable<" + element.CSharpType + ">", PyValueShape.Iterator, false, "", element);
    }

    private PyMappedType? Tuple(IReadOnlyList<PyHint> args, bool bare, int depth, out string? why)
    {
        why = null;
        if (bare || (args.Count == 2 && args[1].Kind == PyHintKind.Ellipsis))
        {
            return Sequence(bare ? args : new[] { args[0] }, bare, depth, out why);
        }
        if (args.Count == 0 || args.Count > 7 || args.Any(a => a.Kind == PyHintKind.Ellipsis))
        {
            why = "fixed-size tuples of 1 to 7 items (or tuple[T, ...]) are mapped";
            return null;
        }
        var items = new List<PyMappedType>();
        for (int i = 0; i < args.Count; i++)
        {
            PyMappedType? item = Element(args, i, depth, out why);
            if (item is null) return null;
            items.Add(item);
        }
        string type = items.Count == 1
            ? "global::System.ValueTuple<" + items[0].CSharpType + ">"
            : "(" + string.Join(", ", items.Select(i => i.CSharpType)) + ")";
        return PyMappedType.Of(type, PyValueShape.Tupled);
    }

    private PyMappedType? Dictionary(IReadOnlyList<PyHint> args, bool bare, int depth, out string? why)
    {
        why = null;
        if (bare)
        {
            return PyMappedType.Of("global::System.Collections.Generic.IReadOnlyDictionary<object, object?>", PyValueShape.Mapping);
        }
        if (args.Count != 2)
        {
            why = "it takes a key and a value type";
            return null;
        }
        PyMappedType? key = Element(args, 0, depth, out why);
        if (key is null) return null;
        if (key.IsNullable)
        {
            why = "dict keys cannot be None here (a C# dictionary key is never null)";
            return null;
        }
        PyMappedType? value = Element(args, 1, depth, out why);
        if (value is null) return null;
        PyValueShape shape = key.Shape == PyValueShape.Tupled || value.Shape == PyValueShape.Tupled ? PyValueShape.Tupled : PyValueShape.Mapping;
        return PyMappedType.Of("global::System.Collections.Generic.IReadOnlyDictionary<" + key.CSharpType + ", " + value.CSharpType + ">", shape);
    }

    private PyMappedType? NumpyArray(PyHint dtype, out string? why)
    {
        why = null;
        string name = dtype.Kind == PyHintKind.Name ? Resolve(dtype.Text, out _) : "";
        if (s_dtypes.TryGetValue(name, out string? element))
        {
            return PyMappedType.Of("global::Prom.Bridge.SharedArray<" + element + ">", PyValueShape.SharedArray, element);
        }
        why = name == "numpy.void"
            ? "a structured array needs its [Struct]: Annotated[NDArray[np.void], \"My.Namespace.MyStruct\"]"
            : $"the dtype {dtype} is not mapped (use a numpy scalar type such as np.float64, np.int32, np.uint8 or np.bool_)";
        return null;
    }

    // A container of anything holding a fixed-size tuple needs the checked conversion too.
    private static PyValueShape Contained(PyMappedType element) => element.Shape == PyValueShape.Tupled ? PyValueShape.Tupled : PyValueShape.Plain;
}
