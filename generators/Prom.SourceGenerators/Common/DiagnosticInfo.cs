using System;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Text;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;

namespace Prom.SourceGenerators.Common;

/// <summary>
/// A diagnostic a generator reports, reduced to values so it can flow through an incremental pipeline: no
/// <see cref="Location"/> (it holds a syntax tree), only the file path and span, mapped back to the compilation's
/// tree when reported so the diagnostic is a normal source diagnostic (squiggle, <c>#pragma</c>, code fixes).
/// </summary>
/// <param name="Descriptor">The descriptor (equatable).</param>
/// <param name="Location">Where, or null.</param>
/// <param name="Arguments">The message arguments, formatted under the invariant culture.</param>
internal sealed record DiagnosticInfo(DiagnosticDescriptor Descriptor, LocationInfo? Location, EquatableArray<string> Arguments)
{
    /// <summary>The value form of a parser <see cref="Problem"/>.</summary>
    public static DiagnosticInfo From(Problem problem) => new(
        problem.Descriptor,
        LocationInfo.From(problem.Location),
        problem.MessageArgs.Select(a => Convert.ToString(a, CultureInfo.InvariantCulture) ?? "").ToEquatableArray());

    /// <summary>The diagnostic, located in <paramref name="compilation"/>'s syntax tree of the same file when there is one.</summary>
    public Diagnostic ToDiagnostic(Compilation compilation) =>
        Diagnostic.Create(Descriptor, Location?.ToLocation(compilation), Arguments.Cast<object?>().ToArray());
}

/// <summary>A source location as values: file path, span and line span.</summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    /// <summary>The value form of <paramref name="location"/>, or null for none.</summary>
    public static LocationInfo? From(Location? location)
    {
        if (location is null || location == Microsoft.CodeAnalysis.Location.None) return null;
        FileLinePositionSpan lineSpan = location.GetLineSpan();
        return new LocationInfo(location.SourceTree?.FilePath ?? lineSpan.Path, location.SourceSpan, lineSpan.Span);
    }

    /// <summary>The location in <paramref name="compilation"/>.</summary>
    public Location ToLocation(Compilation compilation)
    {
        foreach (SyntaxTree tree in compilation.SyntaxTrees)
        {
            if (tree.FilePath == FilePath) return Microsoft.CodeAnalysis.Location.Create(tree, Span);
        }
        return Microsoft.CodeAnalysis.Location.Create(FilePath, Span, LineSpan);
    }
}
