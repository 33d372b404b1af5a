using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Topics;

namespace Prom.CodeFixes.Topics;

/// <summary>
/// PROM0301: rewrites a header key literal to <see cref="TopicRules.NormalizeHeaderKey"/> of it, which adds the
/// <c>x-</c> prefix and kebab-cases the rest (<c>correlationId</c> → <c>x-correlation-id</c>).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NormalizeHeaderKeyCodeFix)), Shared]
public sealed class NormalizeHeaderKeyCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidHeaderKey);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal ||
            !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return;
        }
        if (TopicRules.NormalizeHeaderKey(literal.Token.ValueText) is not { } normalized) return;
        context.RegisterCodeFix(
            CodeAction.Create($"Use header key '{normalized}'",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, StringLiterals.Create(literal, normalized)))),
                nameof(NormalizeHeaderKeyCodeFix)),
            context.Diagnostics.First());
    }
}
