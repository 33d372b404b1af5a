namespace Prom.CodeModel.Python;

/// <summary>How a parameter binds, from the position of <c>/</c>, <c>*</c>, <c>*args</c> and <c>**kwargs</c>.</summary>
public enum PyParameterKind
{
    /// <summary>Before <c>/</c>: positional only.</summary>
    PositionalOnly,
    /// <summary>Positional or keyword.</summary>
    Normal,
    /// <summary>After <c>*</c> or <c>*args</c>: keyword only.</summary>
    KeywordOnly,
    /// <summary><c>*args</c>.</summary>
    VarPositional,
    /// <summary><c>**kwargs</c>.</summary>
    VarKeyword,
}

/// <summary>What a default value is, as far as C# can repeat it.</summary>
public enum PyDefaultKind
{
    /// <summary>No default: required.</summary>
    None,
    /// <summary>An int literal (text is decimal, C#-ready).</summary>
    Int,
    /// <summary>A float literal (text is C#-ready).</summary>
    Float,
    /// <summary>A str literal (text is the decoded value).</summary>
    String,
    /// <summary><c>True</c>/<c>False</c> (text is <c>true</c>/<c>false</c>).</summary>
    Bool,
    /// <summary><c>None</c>.</summary>
    NoneValue,
    /// <summary>Any other expression (text is its source): C# cannot repeat it, so the argument is omitted instead.</summary>
    Expression,
}

/// <summary>A parameter as written.</summary>
/// <param name="Name">The Python name.</param>
/// <param name="Kind">How it binds.</param>
/// <param name="Hint">The parsed annotation, or null when there is none or it could not be read.</param>
/// <param name="HintText">The annotation as written (null when there is none).</param>
/// <param name="HintError">Why the annotation could not be read, or null.</param>
/// <param name="DefaultKind">The default's kind.</param>
/// <param name="DefaultText">The default's value or source.</param>
public sealed record PyParameterSyntax(
    string Name,
    PyParameterKind Kind,
    PyHint? Hint,
    string? HintText,
    string? HintError,
    PyDefaultKind DefaultKind,
    string? DefaultText);

/// <summary>A <c>def</c> or <c>async def</c> as written.</summary>
/// <param name="Name">The Python name.</param>
/// <param name="Line">The 1-based line of <c>def</c>.</param>
/// <param name="IsAsync">Declared <c>async def</c>.</param>
/// <param name="IsGenerator">Its own body (not nested functions) contains <c>yield</c>.</param>
/// <param name="Decorators">Decorator expressions as written without <c>@</c> (e.g. <c>staticmethod</c>, <c>value.setter</c>).</param>
/// <param name="Parameters">The parameters in order.</param>
/// <param name="Return">The parsed return annotation, or null.</param>
/// <param name="ReturnText">The return annotation as written, or null.</param>
/// <param name="ReturnError">Why the return annotation could not be read, or null.</param>
/// <param name="Doc">The docstring, or null.</param>
/// <param name="Signature">The signature as written (single-spaced), for docs and messages.</param>
/// <param name="Error">Why the signature could not be read (then the other parts may be empty), or null.</param>
public sealed record PyFunctionSyntax(
    string Name,
    int Line,
    bool IsAsync,
    bool IsGenerator,
    EquatableArray<string> Decorators,
    EquatableArray<PyParameterSyntax> Parameters,
    PyHint? Return,
    string? ReturnText,
    string? ReturnError,
    string? Doc,
    string Signature,
    string? Error);

/// <summary>An annotated class attribute (<c>gain: float = 1.0</c>), a dataclass field or a plain typed attribute.</summary>
/// <param name="Name">The attribute name.</param>
/// <param name="Line">Its 1-based line.</param>
/// <param name="Hint">The parsed annotation, or null.</param>
/// <param name="HintText">The annotation as written.</param>
/// <param name="HintError">Why it could not be read, or null.</param>
/// <param name="DefaultKind">The kind of its value, if it has one.</param>
/// <param name="DefaultText">Its value or source.</param>
public sealed record PyAttributeSyntax(string Name, int Line, PyHint? Hint, string HintText, string? HintError, PyDefaultKind DefaultKind, string? DefaultText);

/// <summary>A top-level <c>class</c> with its methods and annotated attributes.</summary>
/// <param name="Name">The class name.</param>
/// <param name="Line">Its 1-based line.</param>
/// <param name="Decorators">Class decorators as written without <c>@</c> (e.g. <c>dataclass</c>).</param>
/// <param name="Bases">Base class expressions as written.</param>
/// <param name="Methods">Its methods in order.</param>
/// <param name="Attributes">Its annotated attributes in order.</param>
/// <param name="Doc">The docstring, or null.</param>
public sealed record PyClassSyntax(
    string Name,
    int Line,
    EquatableArray<string> Decorators,
    EquatableArray<string> Bases,
    EquatableArray<PyFunctionSyntax> Methods,
    EquatableArray<PyAttributeSyntax> Attributes,
    string? Doc);

/// <summary>A name bound by an import or a type alias: <c>np</c> → <c>numpy</c>, <c>Optional</c> → <c>typing.Optional</c>.</summary>
/// <param name="Alias">The local name.</param>
/// <param name="Target">The full dotted name it stands for.</param>
public sealed record PyImportSyntax(string Alias, string Target);

/// <summary>A module-level type alias (<c>Vector = list[float]</c>, <c>type Vector = list[float]</c>).</summary>
/// <param name="Name">The alias name.</param>
/// <param name="Hint">The hint it stands for.</param>
public sealed record PyTypeAliasSyntax(string Name, PyHint Hint);

/// <summary>A problem the parser found (a signature it cannot read, an unterminated string).</summary>
/// <param name="Line">The 1-based line.</param>
/// <param name="Function">The function's name, or null for a file-level problem.</param>
/// <param name="Message">What is wrong.</param>
public sealed record PyParseProblem(int Line, string? Function, string Message);

/// <summary>A whole module as the parser read it.</summary>
/// <param name="Doc">The module docstring, or null.</param>
/// <param name="Imports">Imported names (later bindings after earlier ones).</param>
/// <param name="Aliases">Module-level type aliases.</param>
/// <param name="Functions">Top-level functions in order.</param>
/// <param name="Classes">Top-level classes in order.</param>
/// <param name="AllFunctions">Every <c>def</c> in the file at any depth (for completeness checks), in order.</param>
/// <param name="Problems">What could not be read.</param>
public sealed record PyModuleSyntax(
    string? Doc,
    EquatableArray<PyImportSyntax> Imports,
    EquatableArray<PyTypeAliasSyntax> Aliases,
    EquatableArray<PyFunctionSyntax> Functions,
    EquatableArray<PyClassSyntax> Classes,
    EquatableArray<PyFunctionSyntax> AllFunctions,
    EquatableArray<PyParseProblem> Problems);
