using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Prom.SourceGenerators.Common;

/// <summary>Cheap syntactic filters for <c>ForAttributeWithMetadataName</c>.</summary>
internal static class SyntaxPredicates
{
    /// <summary>A <c>struct</c> or <c>record struct</c> declaration.</summary>
    public static bool IsStructDeclaration(SyntaxNode node) =>
        node is StructDeclarationSyntax or RecordDeclarationSyntax { ClassOrStructKeyword.Text: "struct" };

    /// <summary>A <c>class</c> declaration (records excluded: the analyzer reports them).</summary>
    public static bool IsClassDeclaration(SyntaxNode node) => node is ClassDeclarationSyntax;
}
