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

/// <summary>PROM0300: replaces an invalid topic name literal with <see cref="TopicRules.NormalizeTopicName"/> of it.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(NormalizeTopicNameCodeFix)), Shared]
public sealed class NormalizeTopicNameCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.InvalidTopicName);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true) is not LiteralExpressionSyntax literal ||
            !literal.IsKind(SyntaxKind.StringLiteralExpression))
        {
            return; // a name from a constant elsewhere: nothing obvious to rewrite here
        }
        if (TopicRules.NormalizeTopicName(literal.Token.ValueText) is not { } normalized) return;
        context.RegisterCodeFix(
            CodeAction.Create($"Use topic name '{normalized}'",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(literal, StringLiterals.Create(literal, normalized)))),
                nameof(NormalizeTopicNameCodeFix)),
            context.Diagnostics.First());
    }
}
