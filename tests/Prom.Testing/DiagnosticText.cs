using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Prom.Testing;

/// <summary>Readable one-line descriptions of diagnostics for assertion messages.</summary>
public static class DiagnosticText
{
    /// <summary><c>PROM0001 Error (3,15)-(3,20) 'Foo' is marked…</c>, one per line.</summary>
    public static string Describe(IEnumerable<Diagnostic> diagnostics) =>
        string.Join("\n", diagnostics.Select(Describe));

    /// <summary>One diagnostic as id, severity, span and message.</summary>
    public static string Describe(Diagnostic d)
    {
        string span = d.Location.IsInSource
            ? $"{System.IO.Path.GetFileName(d.Location.SourceTree?.FilePath)}({d.Location.GetLineSpan().StartLinePosition.Line + 1},{d.Location.GetLineSpan().StartLinePosition.Character + 1})"
            : "(no location)";
        return $"  {d.Id} {d.Severity} {span}: {d.GetMessage(System.Globalization.CultureInfo.InvariantCulture)}";
    }
}
