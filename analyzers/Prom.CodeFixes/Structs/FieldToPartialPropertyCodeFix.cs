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

namespace Prom.CodeFixes.Structs;

/// <summary>
/// PROM0008: turns a field (<c>public float X;</c>) or an auto-property (<c>public float X { get; set; }</c>) of a
/// [Struct] into the partial property the generator places: <c>public partial float X { get; set; }</c>.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(FieldToPartialPropertyCodeFix)), Shared]
public sealed class FieldToPartialPropertyCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StorageMustBePartialProperty);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SyntaxNode? node = root?.FindNode(context.Span);
        MemberDeclarationSyntax? member = (MemberDeclarationSyntax?)node?.FirstAncestorOrSelf<PropertyDeclarationSyntax>()
            ?? node?.FirstAncestorOrSelf<FieldDeclarationSyntax>();
        if (member is null) return;
        if (member is FieldDeclarationSyntax { Declaration.Variables.Count: > 1 }) return; // 'float X, Y;': no single obvious rewrite
        context.RegisterCodeFix(
            CodeAction.Create("Declare as a partial property", ct => Rewrite(context.Document, member, ct), nameof(FieldToPartialPropertyCodeFix)),
            context.Diagnostics.First());
    }

    private static async Task<Document> Rewrite(Document document, MemberDeclarationSyntax member, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        (TypeSyntax type, SyntaxToken name) = member switch
        {
            FieldDeclarationSyntax field => (field.Declaration.Type, field.Declaration.Variables[0].Identifier),
            PropertyDeclarationSyntax property => (property.Type, property.Identifier),
            _ => throw new System.InvalidOperationException("unreachable: the fix registers only for fields and properties"),
        };
        var modifiers = member.Modifiers.Where(m => !m.IsKind(SyntaxKind.ReadOnlyKeyword)).Select(m => m.Text).ToList();
        if (!member.Modifiers.Any(m => m.IsKind(SyntaxKind.PublicKeyword) || m.IsKind(SyntaxKind.InternalKeyword) ||
                                       m.IsKind(SyntaxKind.PrivateKeyword) || m.IsKind(SyntaxKind.ProtectedKeyword)))
        {
            modifiers.Insert(0, "private");
        }
        modifiers.Add("partial");

        // Rebuild as text so the user's attributes keep their own layout ("[Pad(2)] public ..." or one per line).
        string attributes = string.Concat(member.AttributeLists.Select(a => a.ToString() + a.GetTrailingTrivia().ToFullString()));
        string text = $"{attributes}{string.Join(" ", modifiers)} {type} {name.Text} {{ get; set; }}";
        MemberDeclarationSyntax replacement = SyntaxFactory.ParseMemberDeclaration(text)!
            .WithLeadingTrivia(member.GetLeadingTrivia())
            .WithTrailingTrivia(member.GetTrailingTrivia());
        return document.WithSyntaxRoot(root.ReplaceNode(member, replacement));
    }
}
