using System.Linq;
using System.Reflection;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Testing;
using Prom.CodeModel.Diagnostics;

namespace Prom.Testing.Verifiers;

/// <summary>Expected diagnostics for <see cref="PromAnalyzerTest"/> and <see cref="PromCodeFixTest"/>.</summary>
public static class PromDiagnostics
{
    /// <summary>
    /// The diagnostic <paramref name="id"/> at markup location <paramref name="location"/> (<c>{|#0:…|}</c>) with
    /// exactly <paramref name="message"/>, and the severity the descriptor declares.
    /// </summary>
    public static DiagnosticResult Diagnostic(string id, int location, string message) =>
        new DiagnosticResult(id, SeverityOf(id)).WithLocation(location).WithMessage(message);

    /// <summary>A compiler diagnostic (<c>CS…</c>) at markup location <paramref name="location"/>, any message.</summary>
    public static DiagnosticResult Compiler(string id, int location, DiagnosticSeverity severity = DiagnosticSeverity.Error) =>
        new DiagnosticResult(id, severity).WithLocation(location);

    /// <summary>The default severity of our diagnostic <paramref name="id"/> (every descriptor of one id shares it).</summary>
    public static DiagnosticSeverity SeverityOf(string id) =>
        typeof(DiagnosticDescriptors).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Select(field => field.GetValue(null)).OfType<DiagnosticDescriptor>()
            .FirstOrDefault(descriptor => descriptor.Id == id)?.DefaultSeverity
        ?? throw new System.ArgumentException($"No descriptor has the id {id}.", nameof(id));
}
