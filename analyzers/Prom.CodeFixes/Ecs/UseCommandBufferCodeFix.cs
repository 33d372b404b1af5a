using System.Collections.Generic;
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

namespace Prom.CodeFixes.Ecs;

/// <summary>
/// PROM0101: records the structural change in a command buffer instead of applying it to the world
/// (<c>world.Destroy(e)</c> → <c>commands.Destroy(e)</c>). In a [System]'s Run the buffer is Run's
/// <c>CommandBuffer</c> parameter, added when there is none; in a query loop it is a command buffer in scope (one
/// action per buffer; none in scope, no fix: deferring to a tick's end is then the user's decision). Offered for
/// <c>Destroy</c>, <c>Add</c>, a <c>Remove</c> whose result is unused and <c>Create()</c> without components, which
/// the buffer records with the same signatures.
/// </summary>
[ExportCodeFixProvider(LanguageNames.CSharp, Name = nameof(UseCommandBufferCodeFix)), Shared]
public sealed class UseCommandBufferCodeFix : CodeFixProvider
{
    /// <summary>Mirrors <c>StructuralChangeAnalyzer.SystemBufferProperty</c> (the analyzer assembly is not referenced here).</summary>
    private const string SystemBufferProperty = "SystemCommandBuffer";

    /// <inheritdoc/>
    public override ImmutableArray<string> FixableDiagnosticIds { get; } = ImmutableArray.Create(DiagnosticIds.StructuralChangeInQueryLoop);

    /// <summary>
    /// No FixAll: fixes in one Run would each add the same parameter, and the buffer choice in a loop is per call.
    /// </summary>
    public override FixAllProvider? GetFixAllProvider() => null;

    /// <inheritdoc/>
    public override async Task RegisterCodeFixesAsync(CodeFixContext context)
    {
        Diagnostic diagnostic = context.Diagnostics.First();
        SyntaxNode? root = await context.Document.GetSyntaxRootAsync(context.CancellationToken).ConfigureAwait(false);
        if (root?.FindNode(context.Span, getInnermostNodeForTie: true).FirstAncestorOrSelf<InvocationExpressionSyntax>() is not { } invocation
            || invocation.Expression is not MemberAccessExpressionSyntax member
            || !Recordable(invocation, member.Name.Identifier.ValueText))
        {
            return;
        }

        if (diagnostic.Properties.TryGetValue(SystemBufferProperty, out string? parameter))
        {
            if (invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } run) return;
            string name = string.IsNullOrEmpty(parameter) ? FreeName(run) : parameter!;
            context.RegisterCodeFix(CodeAction.Create(
                string.IsNullOrEmpty(parameter) ? $"Record it in a CommandBuffer parameter '{name}' of Run" : $"Record it in '{name}'",
                ct => Rewrite(context.Document, invocation, member, name, string.IsNullOrEmpty(parameter) ? run : null, ct),
                nameof(UseCommandBufferCodeFix)), diagnostic);
            return;
        }

        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        INamedTypeSymbol? bufferType = model?.Compilation.GetTypeByMetadataName("Prom.Ecs.CommandBuffer");
        if (model is null || bufferType is null) return;
        foreach (string buffer in BuffersInScope(model, invocation.SpanStart, bufferType))
        {
            context.RegisterCodeFix(CodeAction.Create($"Record it in command buffer '{buffer}'",
                ct => Rewrite(context.Document, invocation, member, buffer, null, ct),
                nameof(UseCommandBufferCodeFix) + "." + buffer), diagnostic);
        }
    }

    /// <summary>Whether the command buffer has the same call: its Remove returns nothing and its Create takes no values.</summary>
    private static bool Recordable(InvocationExpressionSyntax invocation, string method) => method switch
    {
        "Destroy" or "Add" => true,
        "Remove" => invocation.Parent is ExpressionStatementSyntax,
        "Create" => invocation.ArgumentList.Arguments.Count == 0,
        _ => false,
    };

    private static IEnumerable<string> BuffersInScope(SemanticModel model, int position, INamedTypeSymbol bufferType) =>
        model.LookupSymbols(position)
            .Where(symbol => symbol switch
            {
                ILocalSymbol local => SymbolEqualityComparer.Default.Equals(local.Type, bufferType),
                IParameterSymbol parameter => SymbolEqualityComparer.Default.Equals(parameter.Type, bufferType),
                IFieldSymbol field => SymbolEqualityComparer.Default.Equals(field.Type, bufferType),
                IPropertySymbol property => SymbolEqualityComparer.Default.Equals(property.Type, bufferType),
                _ => false,
            })
            .Select(symbol => symbol.Name)
            .Distinct()
            .OrderBy(name => name, System.StringComparer.Ordinal);

    private static string FreeName(MethodDeclarationSyntax run)
    {
        string name = "commands";
        for (int i = 2; run.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name); i++) name = "commands" + i;
        return name;
    }

    private static async Task<Document> Rewrite(Document document, InvocationExpressionSyntax invocation, MemberAccessExpressionSyntax member,
        string buffer, MethodDeclarationSyntax? addParameterTo, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        ExpressionSyntax receiver = SyntaxFactory.IdentifierName(buffer).WithTriviaFrom(member.Expression);
        if (addParameterTo is null) return document.WithSyntaxRoot(root.ReplaceNode(member.Expression, receiver));

        MethodDeclarationSyntax run = addParameterTo.ReplaceNode(member.Expression, receiver);
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        INamedTypeSymbol? type = model.Compilation.GetTypeByMetadataName("Prom.Ecs.CommandBuffer");
        string typeName = type?.ToMinimalDisplayString(model, addParameterTo.SpanStart) ?? "Prom.Ecs.CommandBuffer";
        ParameterSyntax parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(buffer))
            .WithType(SyntaxFactory.ParseTypeName(typeName).WithTrailingTrivia(SyntaxFactory.Space));
        run = run.WithParameterList(run.ParameterList.AddParameters(parameter));
        return document.WithSyntaxRoot(root.ReplaceNode(addParameterTo, run));
    }
}
