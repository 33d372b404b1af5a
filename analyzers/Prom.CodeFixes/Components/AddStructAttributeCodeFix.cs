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

namespace Prom.CodeFixes.Components;

/// <summary>PROM0100: adds <c>Struct</c> to the attribute list that holds <c>[Component]</c>: <c>[Struct, Component]</c>.</summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddStructAttributeCodeFix)), Shared]
public sealed class AddStructAttributeCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.ComponentMustBeStruct);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span).FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration) return;
        AttributeListSyntax? list = declaration.AttributeLists.FirstOrDefault(l => l.Attributes.Any(IsComponent));
        if (list is null) return;
        context.RegisterCodeFix(
            CodeAction.Create("Add [Struct]", ct => AddStruct(context.Document, list, ct), nameof(AddStructAttributeCodeFix)),
            context.Diagnostics.First());
    }

    private static bool IsComponent(AttributeSyntax attribute) =>
        attribute.Name.ToString() is "Component" or "ComponentAttribute" or "Prom.Component" or "Prom.ComponentAttribute" or "global::Prom.Component" or "global::Prom.ComponentAttribute";

    private static async Task<Document> AddStruct(Document document, AttributeListSyntax list, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        AttributeSyntax structAttribute = SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("Struct"));
        AttributeListSyntax updated = list.WithAttributes(list.Attributes.Insert(0, structAttribute));
        return document.WithSyntaxRoot(root.ReplaceNode(list, updated));
    }
}
