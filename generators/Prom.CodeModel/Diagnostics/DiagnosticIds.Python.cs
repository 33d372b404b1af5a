namespace Prom.CodeModel.Diagnostics;

/// <summary>Typed Python module diagnostic ids (PROM04xx), reported on the <c>.py</c>/<c>.pyi</c> file.</summary>
public static partial class DiagnosticIds
{
    /// <summary>A def whose signature the parser cannot read.</summary>
    public const string PythonSignatureUnreadable = "PROM0400";
    /// <summary>A parameter or result hint that has no C# mapping.</summary>
    public const string UnsupportedPythonHint = "PROM0401";
    /// <summary>Two Python names that become one C# member.</summary>
    public const string PythonNameCollision = "PROM0402";
    /// <summary>A function shape that is not mapped (async generators, overloads, …).</summary>
    public const string UnsupportedPythonFunction = "PROM0403";
    /// <summary>A file that cannot be a typed module (module name, unreadable text).</summary>
    public const string InvalidPythonModule = "PROM0404";
}
