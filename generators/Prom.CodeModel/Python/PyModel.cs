namespace Prom.CodeModel.Python;

/// <summary>How a mapped value crosses the bridge: what the generated call does with an argument or a result.</summary>
public enum PyValueShape
{
    /// <summary>Sent as is; returned through <c>Call&lt;T&gt;</c>.</summary>
    Plain,
    /// <summary>Python <c>None</c> as a return: the method returns <c>Task</c>.</summary>
    Void,
    /// <summary>A mapping parameter, sent as a dictionary; returned like <see cref="Plain"/>.</summary>
    Mapping,
    /// <summary>Contains a fixed-size tuple: returned through <c>Call&lt;object&gt;</c> and a checked conversion.</summary>
    Tupled,
    /// <summary>A numeric numpy array through shared memory (<c>SharedArray&lt;T&gt;</c>).</summary>
    SharedArray,
    /// <summary>A structured numpy array of a <c>[Struct]</c> through shared memory; results are checked field by field.</summary>
    StructArray,
    /// <summary>An instance of a class of the module: a typed wrapper of its handle.</summary>
    ClassWrapper,
    /// <summary>A <c>Literal[...]</c>: arguments are checked against the allowed values before sending.</summary>
    Literal,
    /// <summary>An iterator or generator result: an <c>IAsyncEnumerable&lt;T&gt;</c> of the element.</summary>
    Iterator,
}

/// <summary>A Python hint mapped to C#.</summary>
/// <param name="CSharpType">The C# type as written in generated code (fully qualified).</param>
/// <param name="Shape">How it crosses the bridge.</param>
/// <param name="IsNullable">Whether <see cref="CSharpType"/> already allows null.</param>
/// <param name="Detail">The wrapper's C# name, the struct element type, or the literal values joined with '\u001f'.</param>
/// <param name="Element">The element of an iterator.</param>
public sealed record PyMappedType(string CSharpType, PyValueShape Shape, bool IsNullable, string Detail, PyMappedType? Element)
{
    /// <summary>A plain, non-null type.</summary>
    public static PyMappedType Of(string csharp, PyValueShape shape = PyValueShape.Plain, string detail = "") => new(csharp, shape, false, detail, null);
}

/// <summary>One parameter of a generated method.</summary>
/// <param name="PythonName">The Python name (keyword arguments use it).</param>
/// <param name="CSharpName">The C# parameter name.</param>
/// <param name="Kind">How it binds in Python.</param>
/// <param name="Type">The mapped type (nullable when the argument can be omitted).</param>
/// <param name="DefaultValue">The C# default value expression, or null when required.</param>
/// <param name="OmitWhenNull">Null means "not given": Python's own default applies (defaults C# cannot repeat).</param>
public sealed record PyParameterModel(string PythonName, string CSharpName, PyParameterKind Kind, PyMappedType Type, string? DefaultValue, bool OmitWhenNull);

/// <summary>How a generated method reaches its Python callable.</summary>
public enum PyCallKind
{
    /// <summary>A call; the result is the answer.</summary>
    Plain,
    /// <summary><c>async def</c>: the call's coroutine is run with <c>asyncio.run</c>.</summary>
    Coroutine,
    /// <summary>A generator or iterator: items one round trip each.</summary>
    Iterate,
}

/// <summary>A generated method: a module function, a class's method or its constructor.</summary>
/// <param name="PythonName">The callable's Python name.</param>
/// <param name="CSharpName">The C# method name.</param>
/// <param name="Call">How it is called.</param>
/// <param name="Parameters">The parameters in Python order (the emitter puts required ones first in C#).</param>
/// <param name="Return">The mapped result.</param>
/// <param name="Doc">The docstring, or null.</param>
/// <param name="Signature">The Python signature, for the XML docs.</param>
/// <param name="TimeoutName">The name of the timeout parameter (<c>timeout</c> unless Python has one).</param>
/// <param name="TokenName">The name of the cancellation token parameter.</param>
public sealed record PyFunctionModel(
    string PythonName,
    string CSharpName,
    PyCallKind Call,
    EquatableArray<PyParameterModel> Parameters,
    PyMappedType Return,
    string? Doc,
    string Signature,
    string TimeoutName,
    string TokenName);

/// <summary>A property of a class wrapper (a <c>@property</c> or an annotated attribute).</summary>
/// <param name="PythonName">The attribute name.</param>
/// <param name="CSharpName">The C# name used in <c>Get{Name}</c>/<c>Set{Name}</c>.</param>
/// <param name="Type">The mapped type.</param>
/// <param name="HasSetter">Whether it can be assigned.</param>
/// <param name="Doc">Its doc, or null.</param>
public sealed record PyPropertyModel(string PythonName, string CSharpName, PyMappedType Type, bool HasSetter, string? Doc);

/// <summary>A typed wrapper of a Python class's instances.</summary>
/// <param name="PythonName">The class name.</param>
/// <param name="CSharpName">The wrapper's C# name.</param>
/// <param name="Doc">The docstring, or null.</param>
/// <param name="Constructor">The module method that creates an instance, or null when <c>__init__</c> cannot be mapped.</param>
/// <param name="Methods">Instance methods.</param>
/// <param name="Properties">Properties.</param>
public sealed record PyClassModel(
    string PythonName,
    string CSharpName,
    string? Doc,
    PyFunctionModel? Constructor,
    EquatableArray<PyFunctionModel> Methods,
    EquatableArray<PyPropertyModel> Properties);

/// <summary>A diagnostic for a Python file, as values (the generator builds the <c>Location</c> at report time).</summary>
/// <param name="Id">The PROM id.</param>
/// <param name="Line">The 1-based line.</param>
/// <param name="Args">The message arguments.</param>
public sealed record PyDiagnosticInfo(string Id, int Line, EquatableArray<string> Args);

/// <summary>Everything generated from one <c>.py</c>/<c>.pyi</c> file: one C# class per module.</summary>
/// <param name="FilePath">The file.</param>
/// <param name="ModuleName">The import name.</param>
/// <param name="Namespace">The C# namespace.</param>
/// <param name="ClassName">The C# class.</param>
/// <param name="Doc">The module docstring.</param>
/// <param name="Functions">Module functions.</param>
/// <param name="Classes">Class wrappers.</param>
/// <param name="Diagnostics">What could not be mapped.</param>
public sealed record PyModuleModel(
    string FilePath,
    string ModuleName,
    string Namespace,
    string ClassName,
    string? Doc,
    EquatableArray<PyFunctionModel> Functions,
    EquatableArray<PyClassModel> Classes,
    EquatableArray<PyDiagnosticInfo> Diagnostics);
