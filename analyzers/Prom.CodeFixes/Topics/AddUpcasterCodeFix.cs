using System;
using System.Collections.Immutable;
using System.Composition;
using System.Linq;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CodeActions;
using Microsoft.CodeAnalysis.CodeFixes;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Formatting;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeFixes.Topics;

/// <summary>
/// PROM0308: adds <c>[Upcaster] public static VNext FromVn(VPrev old) =&gt; new(...)</c> to the newer payload type. The
/// constructor call passes <c>old.X</c> for every parameter the older type has a same-named property of the same type
/// for, and <c>default!</c> with a TODO comment for the rest (the renamed or new members the author must map).
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddUpcasterCodeFix)), Shared]
public sealed class AddUpcasterCodeFix : CodeFixProvider
{
    /// <summary>The diagnostic property with the older payload's metadata name (set by the topic analyzer).</summary>
    private const string OlderTypeProperty = "OlderType";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.MissingUpcaster);

    /// <inheritdoc/>
    public override FixAllProvider? GetFixAllProvider() => null; // one hop at a time: each upcaster needs the author's mapping

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics.First();
        if (!diagnostic.Properties.TryGetValue(OlderTypeProperty, out string? olderName) || olderName is null) return;
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        if (root is null || model is null) return;
        if (root.FindToken(context.Span.Start).Parent?.AncestorsAndSelf().OfType<TypeDeclarationSyntax>().FirstOrDefault() is not { } declaration) return;
        if (model.GetDeclaredSymbol(declaration, context.CancellationToken) is not INamedTypeSymbol newer) return;
        if (model.Compilation.GetTypeByMetadataName(olderName) is not { } older) return;

        string methodName = "From" + older.Name;
        context.RegisterCodeFix(
            CodeAction.Create($"Add [Upcaster] {newer.Name} {methodName}({older.Name} old)",
                _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(declaration, AddMethod(declaration, newer, older, methodName, model)))),
                nameof(AddUpcasterCodeFix)),
            diagnostic);
    }

    private static TypeDeclarationSyntax AddMethod(TypeDeclarationSyntax declaration, INamedTypeSymbol newer, INamedTypeSymbol older, string methodName, SemanticModel model)
    {
        int position = declaration.SpanStart;
        string newerName = newer.ToMinimalDisplayString(model, position);
        string olderName = older.ToMinimalDisplayString(model, position);
        IMethodSymbol? constructor = newer.InstanceConstructors
            .Where(c => c.DeclaredAccessibility == Accessibility.Public && !(c.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(c.Parameters[0].Type, newer)))
            .OrderByDescending(c => c.Parameters.Length)
            .FirstOrDefault();

        var arguments = new StringBuilder();
        foreach (IParameterSymbol parameter in constructor?.Parameters ?? ImmutableArray<IParameterSymbol>.Empty)
        {
            if (arguments.Length > 0) arguments.Append(", ");
            IPropertySymbol? same = older.GetMembers().OfType<IPropertySymbol>().FirstOrDefault(p =>
                string.Equals(p.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) && SymbolEqualityComparer.Default.Equals(p.Type, parameter.Type));
            arguments.Append(parameter.Name).Append(": ").Append(same is null ? $"default! /* TODO: {parameter.Name} from {older.Name} */" : "old." + same.Name);
        }

        string text = $"/// <summary>Converts version {older.Name} records to {newer.Name}.</summary>\n" +
            $"[Prom.Upcaster]\npublic static {newerName} {methodName}({olderName} old) => new({arguments});\n";
        MemberDeclarationSyntax method = SyntaxFactory.ParseMemberDeclaration(text)!.WithAdditionalAnnotations(Formatter.Annotation);

        TypeDeclarationSyntax withBody = declaration;
        if (declaration.SemicolonToken.IsKind(SyntaxKind.SemicolonToken))
        {
            // `record X(...);` has no body yet: give it one.
            withBody = declaration.WithSemicolonToken(default)
                .WithOpenBraceToken(SyntaxFactory.Token(SyntaxKind.OpenBraceToken))
                .WithCloseBraceToken(SyntaxFactory.Token(SyntaxKind.CloseBraceToken).WithTrailingTrivia(declaration.SemicolonToken.TrailingTrivia));
        }
        return withBody.AddMembers(method).WithAdditionalAnnotations(Formatter.Annotation);
    }
}
