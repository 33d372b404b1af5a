using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Prom.CodeFixes.Topics;

/// <summary>Builds replacement string literals that keep the original's surrounding trivia.</summary>
internal static class StringLiterals
{
    /// <summary>A <c>"value"</c> literal in place of <paramref name="original"/>.</summary>
    public static LiteralExpressionSyntax Create(LiteralExpressionSyntax original, string value) =>
        SyntaxFactory.LiteralExpression(SyntaxKind.StringLiteralExpression, SyntaxFactory.Literal(value)).WithTriviaFrom(original);
}
