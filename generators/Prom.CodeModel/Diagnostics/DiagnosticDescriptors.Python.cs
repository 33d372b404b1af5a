using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Diagnostics;

public static partial class DiagnosticDescriptors
{
    private const string PythonCategory = "Prom.Python";

    // Warnings: the rest of the module is still generated, and a missing method must be visible, not silent.
    private static DiagnosticDescriptor PythonWarning(string id, string title, string message, string description) =>
        new(id, title, message, PythonCategory, DiagnosticSeverity.Warning, isEnabledByDefault: true, description, HelpRoot + id + ".md");

    /// <summary>PROM0400</summary>
    public static readonly DiagnosticDescriptor PythonSignatureUnreadable = PythonWarning(
        DiagnosticIds.PythonSignatureUnreadable,
        "Python signature cannot be read",
        "Python module '{0}', function '{1}': the signature cannot be read ({2}); no method was generated for it",
        "The typed-module generator parses Python without running it; a signature outside the subset it reads gets no C# method.");

    /// <summary>PROM0401</summary>
    public static readonly DiagnosticDescriptor UnsupportedPythonHint = PythonWarning(
        DiagnosticIds.UnsupportedPythonHint,
        "Python type hint has no C# mapping",
        "Python module '{0}', function '{1}': {2} has the hint '{3}', which is not mapped to C# ({4}); no method was generated for '{1}'",
        "Every parameter and result of a generated method has a C# type from its hint; see docs/bridge.md, 'Typed modules', for the table.");

    /// <summary>PROM0402</summary>
    public static readonly DiagnosticDescriptor PythonNameCollision = PythonWarning(
        DiagnosticIds.PythonNameCollision,
        "Two Python names become one C# name",
        "Python module '{0}': '{1}' becomes the C# name '{2}', which {3}; '{1}' was not generated",
        "Python names are converted to PascalCase (members) and camelCase (parameters); two names that convert to the same C# name cannot both exist.");

    /// <summary>PROM0403</summary>
    public static readonly DiagnosticDescriptor UnsupportedPythonFunction = PythonWarning(
        DiagnosticIds.UnsupportedPythonFunction,
        "Python function shape is not mapped",
        "Python module '{0}', function '{1}': {2}; no method was generated for it",
        "Some function shapes (async generators, @overload stubs, type parameters) have no generated C# form.");

    /// <summary>PROM0404</summary>
    public static readonly DiagnosticDescriptor InvalidPythonModule = PythonWarning(
        DiagnosticIds.InvalidPythonModule,
        "File cannot be a typed Python module",
        "The Python file '{0}' cannot be a typed module: {1}",
        "A file marked as a Python module needs a valid import name and readable text; the generator reads it up to the first lexical error.");

    /// <summary>The descriptor of a PROM04xx id.</summary>
    public static DiagnosticDescriptor ForPython(string id) => id switch
    {
        DiagnosticIds.PythonSignatureUnreadable => PythonSignatureUnreadable,
        DiagnosticIds.UnsupportedPythonHint => UnsupportedPythonHint,
        DiagnosticIds.PythonNameCollision => PythonNameCollision,
        DiagnosticIds.UnsupportedPythonFunction => UnsupportedPythonFunction,
        _ => InvalidPythonModule,
    };
}
