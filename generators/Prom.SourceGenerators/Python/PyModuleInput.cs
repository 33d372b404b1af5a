using System;
using System.IO;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Text;

namespace Prom.SourceGenerators.Python;

/// <summary>
/// One <c>.py</c>/<c>.pyi</c> additional file that is marked as a typed module, with its text and settings: the
/// value the rest of the pipeline starts from (equal text and settings → equal input → nothing regenerated).
/// </summary>
/// <param name="Path">The file path.</param>
/// <param name="Text">The file text (null when it could not be read).</param>
/// <param name="ModuleName">The Python import name.</param>
/// <param name="Namespace">The C# namespace.</param>
internal sealed record PyModuleInput(string Path, string? Text, string ModuleName, string Namespace)
{
    /// <summary>The item metadata that marks a file: <c>true</c> (module name = file name) or the import name.</summary>
    public const string ModuleMetadata = "build_metadata.AdditionalFiles.PromPythonModule";

    /// <summary>The item metadata that sets the C# namespace (default: the project's root namespace).</summary>
    public const string NamespaceMetadata = "build_metadata.AdditionalFiles.PromPythonNamespace";

    /// <summary>True for a <c>.pyi</c> stub: it wins over a <c>.py</c> of the same module (see <see cref="Key"/>).</summary>
    public bool IsStub => Path.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase);

    /// <summary>What makes two files the same generated class: the C# namespace and the Python import name.</summary>
    public string Key => Namespace + "|" + ModuleName;

    /// <summary>Reads the file when it is a marked module; null otherwise.</summary>
    public static PyModuleInput? Read(AdditionalText file, AnalyzerConfigOptionsProvider options, CancellationToken cancellationToken)
    {
        if (!file.Path.EndsWith(".py", StringComparison.OrdinalIgnoreCase) && !file.Path.EndsWith(".pyi", StringComparison.OrdinalIgnoreCase)) return null;
        AnalyzerConfigOptions fileOptions = options.GetOptions(file);
        if (!fileOptions.TryGetValue(ModuleMetadata, out string? marker) || marker.Trim().Length == 0 || marker.Trim().Equals("false", StringComparison.OrdinalIgnoreCase)) return null;
        string module = marker.Trim().Equals("true", StringComparison.OrdinalIgnoreCase) ? System.IO.Path.GetFileNameWithoutExtension(file.Path) : marker.Trim();
        string ns = fileOptions.TryGetValue(NamespaceMetadata, out string? explicitNs) && explicitNs.Trim().Length > 0 ? explicitNs.Trim()
            : options.GlobalOptions.TryGetValue("build_property.RootNamespace", out string? root) && root.Trim().Length > 0 ? root.Trim()
            : "PythonModules";
        SourceText? text = file.GetText(cancellationToken);
        return new PyModuleInput(file.Path, text?.ToString(), module, ns);
    }
}
