using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeFixes.Common;

/// <summary>PROM0001 ([Struct]) and PROM0200 ([System]): adds the <c>partial</c> modifier to the type declaration.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(MakePartialCodeFix)), Shared]
public sealed class MakePartialCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StructMustBePartial, DiagnosticIds.SystemMustBePartial);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration) return;
        context.RegisterCodeFix(
            CodeAction.Create($"Make '{declaration.Identifier.Text}' partial", ct => AddPartial(context.Document, declaration, ct), nameof(MakePartialCodeFix)),
            context.Diagnostics.First());
    }

    private static async Task<Document> AddPartial(Document document, TypeDeclarationSyntax declaration, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        // 'partial' goes right before the type keyword ('public readonly partial struct').
        SyntaxToken partialKeyword = SyntaxFactory.Token(SyntaxKind.PartialKeyword).WithTrailingTrivia(SyntaxFactory.Space);
        TypeDeclarationSyntax updated = declaration.Modifiers.Count == 0
            ? declaration.WithModifiers(SyntaxFactory.TokenList(partialKeyword.WithLeadingTrivia(declaration.Keyword.LeadingTrivia)))
                .WithKeyword(declaration.Keyword.WithLeadingTrivia())
            : declaration.WithModifiers(declaration.Modifiers.Add(partialKeyword));
        return document.WithSyntaxRoot(root.ReplaceNode(declaration, updated));
    }
}
