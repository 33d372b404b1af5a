using System.Text;
using Microsoft.CodeAnalysis.Diagnostics;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// The project's client-emission settings, read from MSBuild properties made visible to the compiler by the package's
/// targets: <c>PromClientsOutputPath</c> (set = emission on; the folder the build writes to) and
/// <c>PromClientsPythonPackage</c> (the Python package name; default: the assembly name in snake_case).
/// </summary>
/// <param name="Enabled">Whether <c>PromClientsOutputPath</c> is set.</param>
/// <param name="PythonPackage">The Python package name, or empty for the default.</param>
internal sealed record ClientOptions(bool Enabled, string PythonPackage)
{
    public const string OutputPathProperty = "build_property.PromClientsOutputPath";
    public const string PythonPackageProperty = "build_property.PromClientsPythonPackage";

    public static ClientOptions From(AnalyzerConfigOptionsProvider provider)
    {
        bool enabled = provider.GlobalOptions.TryGetValue(OutputPathProperty, out string? path) && !string.IsNullOrWhiteSpace(path);
        provider.GlobalOptions.TryGetValue(PythonPackageProperty, out string? package);
        return new ClientOptions(enabled, package?.Trim() ?? "");
    }

    /// <summary>The package name: the configured one, else <c>Prom.Sample</c> → <c>prom_sample</c>.</summary>
    public string PackageFor(string assemblyName)
    {
        if (PythonPackage.Length > 0) return PythonPackage;
        var name = new StringBuilder(assemblyName.Length + 4);
        foreach (char c in assemblyName)
        {
            char lower = char.ToLowerInvariant(c);
            name.Append(lower is >= 'a' and <= 'z' or >= '0' and <= '9' ? lower : '_');
        }
        if (name.Length == 0 || name[0] is >= '0' and <= '9') name.Insert(0, "topics_");
        return name.ToString();
    }
}
