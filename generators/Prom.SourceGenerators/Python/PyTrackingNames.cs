namespace Prom.SourceGenerators.Python;

/// <summary>Tracked steps of the typed Python module generator (for caching tests).</summary>
public static class PyTrackingNames
{
    /// <summary>Marked .py/.pyi files with their text and settings.</summary>
    public const string PythonInputs = nameof(PythonInputs);

    /// <summary>The parsed and mapped module models.</summary>
    public const string PythonModules = nameof(PythonModules);
}
