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

namespace Prom.CodeFixes.Topics;

/// <summary>
/// PROM0311 on a <c>long</c>/<c>ulong</c> member (or an array or list of them): adds <c>[SafeInteger]</c> to the property
/// or to the positional record parameter, which chooses the JSON number within ±(2^53 − 1) as the wire form. The
/// decimal and DateTime cases have no fix: their alternative changes the member's type.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(AddSafeIntegerCodeFix)), Shared]
public sealed class AddSafeIntegerCodeFix : CodeFixProvider
{
    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.NotExactInClients);

    /// <inheritdoc/>
    public override FixAllProvider GetFixAllProvider() => WellKnownFixAllProviders.BatchFixer;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        SyntaxNode? node = root?.FindNode(context.Span, getInnermostNodeForTie: true);
        MemberDeclarationOrParameter? target = node?.FirstAncestorOrSelf<ParameterSyntax>() is { } parameter
            ? new MemberDeclarationOrParameter(parameter, parameter.Type)
            : node?.FirstAncestorOrSelf<PropertyDeclarationSyntax>() is { } property ? new MemberDeclarationOrParameter(property, property.Type) : null;
        if (root is null || model is null || target is null || target.Type is null
            || !Is64BitInteger(model.GetTypeInfo(target.Type, context.CancellationToken).Type))
        {
            return;
        }

        context.RegisterCodeFix(
            CodeAction.Create("Add [SafeInteger]", _ => Task.FromResult(context.Document.WithSyntaxRoot(root.ReplaceNode(target.Node, WithAttribute(target.Node)))),
                nameof(AddSafeIntegerCodeFix)),
            context.Diagnostics.First());
    }

    private sealed class MemberDeclarationOrParameter
    {
        public MemberDeclarationOrParameter(SyntaxNode node, TypeSyntax? type)
        {
            Node = node;
            Type = type;
        }

        public SyntaxNode Node { get; }
        public TypeSyntax? Type { get; }
    }

    /// <summary><c>long</c>, <c>ulong</c>, their nullable forms, and arrays or generic collections of those.</summary>
    private static bool Is64BitInteger(ITypeSymbol? type) => type switch
    {
        { SpecialType: SpecialType.System_Int64 or SpecialType.System_UInt64 } => true,
        INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable => Is64BitInteger(nullable.TypeArguments[0]),
        IArrayTypeSymbol array => Is64BitInteger(array.ElementType),
        INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } generic => Is64BitInteger(generic.TypeArguments[0]),
        _ => false,
    };

    /// <summary>Puts <c>[SafeInteger]</c> in front with the declaration's leading trivia (the IDE formats a property's onto its own line).</summary>
    private static SyntaxNode WithAttribute(SyntaxNode declaration)
    {
        SyntaxTriviaList leading = declaration.GetLeadingTrivia();
        AttributeListSyntax list = SyntaxFactory.AttributeList(SyntaxFactory.SingletonSeparatedList(
                SyntaxFactory.Attribute(SyntaxFactory.IdentifierName("SafeInteger"))))
            .WithLeadingTrivia(leading)
            .WithTrailingTrivia(SyntaxFactory.Space);
        SyntaxNode bare = declaration.WithLeadingTrivia(SyntaxTriviaList.Empty);
        return bare switch
        {
            ParameterSyntax parameter => parameter.WithAttributeLists(parameter.AttributeLists.Insert(0, list)),
            PropertyDeclarationSyntax property => property.WithAttributeLists(property.AttributeLists.Insert(0, list)),
            _ => declaration,
        };
    }
}
