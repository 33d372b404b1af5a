using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Xunit.Sdk;

namespace Prom.Testing;

/// <summary>An expected diagnostic: its id, the source text its span covers, and optionally words of its message.</summary>
/// <param name="Id">e.g. <c>PROM0001</c>.</param>
/// <param name="SpanText">The exact source text under the diagnostic's span.</param>
/// <param name="MessageContains">Fragments the message must contain.</param>
public sealed record ExpectedDiagnostic(string Id, string SpanText, params string[] MessageContains);

/// <summary>Assertions that name what differs: expected vs actual ids, spans and messages.</summary>
public static class DiagnosticAssert
{
    /// <summary>Asserts that <paramref name="actual"/> is exactly the expected set (in any order).</summary>
    public static void Exactly(IEnumerable<Diagnostic> actual, params ExpectedDiagnostic[] expected)
    {
        List<Diagnostic> remaining = actual.ToList();
        var problems = new List<string>();
        foreach (ExpectedDiagnostic want in expected)
        {
            Diagnostic? match = remaining.FirstOrDefault(d => Matches(d, want));
            if (match is null) problems.Add($"  missing: {want.Id} at '{want.SpanText}' containing [{string.Join(", ", want.MessageContains)}]");
            else remaining.Remove(match);
        }
        problems.AddRange(remaining.Select(d => "  unexpected:" + DiagnosticText.Describe(d) + $" at '{SpanText(d)}'"));
        if (problems.Count > 0)
        {
            throw new XunitException("Diagnostics differ:\n" + string.Join("\n", problems) +
                "\nactual:\n" + DiagnosticText.Describe(actual.Select(d => d)));
        }
    }

    /// <summary>Asserts that no diagnostic with a PROM id is present.</summary>
    public static void NoneOfOurs(IEnumerable<Diagnostic> actual)
    {
        var ours = actual.Where(d => d.Id.StartsWith("PROM", System.StringComparison.Ordinal)).ToList();
        if (ours.Count > 0) throw new XunitException("Expected no PROM diagnostics, got:\n" + DiagnosticText.Describe(ours));
    }

    private static bool Matches(Diagnostic diagnostic, ExpectedDiagnostic expected)
    {
        if (diagnostic.Id != expected.Id || SpanText(diagnostic) != expected.SpanText) return false;
        string message = diagnostic.GetMessage(CultureInfo.InvariantCulture);
        return expected.MessageContains.All(fragment => message.Contains(fragment));
    }

    private static string SpanText(Diagnostic diagnostic) =>
        diagnostic.Location.SourceTree?.GetText().ToString(diagnostic.Location.SourceSpan) ?? "";
}
