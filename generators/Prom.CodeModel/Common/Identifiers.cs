using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace Prom.CodeModel;

/// <summary>How generated code spells user names: a name that is a C# keyword (<c>@class</c>) needs its <c>@</c>.</summary>
public static class Identifiers
{
    /// <summary>Display format for namespaces and types in generated code: keywords escaped, no <c>global::</c>.</summary>
    private static readonly SymbolDisplayFormat s_qualified = SymbolDisplayFormat.FullyQualifiedFormat
        .WithGlobalNamespaceStyle(SymbolDisplayGlobalNamespaceStyle.Omitted);

    /// <summary><c>class</c> → <c>@class</c>; any other name as it is.</summary>
    public static string Escape(string name) =>
        SyntaxFacts.GetKeywordKind(name) != SyntaxKind.None ? "@" + name : name;

    /// <summary>The namespace of <paramref name="symbol"/> as generated code writes it, or null for the global namespace.</summary>
    public static string? NamespaceOf(ISymbol symbol) =>
        symbol.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString(s_qualified) : null;

    /// <summary><c>Outer&lt;T&gt;</c> with every part escaped.</summary>
    public static string NameWithTypeParameters(INamedTypeSymbol type) =>
        type.TypeParameters.Length == 0
            ? Escape(type.Name)
            : $"{Escape(type.Name)}<{string.Join(", ", type.TypeParameters.Select(p => Escape(p.Name)))}>";
}
