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
using Microsoft.CodeAnalysis.FindSymbols;
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
                ct => Rewrite(context.Document, member, name, string.IsNullOrEmpty(parameter) ? run : null, ct),
                nameof(UseCommandBufferCodeFix)), diagnostic);
            return;
        }

        SemanticModel? model = await context.Document.GetSemanticModelAsync(context.CancellationToken).ConfigureAwait(false);
        INamedTypeSymbol? bufferType = model?.Compilation.GetTypeByMetadataName("Prom.Ecs.CommandBuffer");
        if (model is null || bufferType is null) return;
        foreach (string buffer in BuffersInScope(model, invocation.SpanStart, bufferType))
        {
            context.RegisterCodeFix(CodeAction.Create($"Record it in command buffer '{buffer}'",
                ct => Rewrite(context.Document, member, buffer, null, ct),
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

    private static async Task<Document> Rewrite(Document document, MemberAccessExpressionSyntax member,
        string buffer, MethodDeclarationSyntax? addParameterTo, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        IFieldSymbol? world = model.GetSymbolInfo(member.Expression, cancellationToken).Symbol as IFieldSymbol;
        ExpressionSyntax receiver = SyntaxFactory.IdentifierName(buffer).WithTriviaFrom(member.Expression);
        Document rewritten;
        if (addParameterTo is null)
        {
            rewritten = document.WithSyntaxRoot(root.ReplaceNode(member.Expression, receiver));
        }
        else
        {
            MethodDeclarationSyntax run = addParameterTo.ReplaceNode(member.Expression, receiver);
            INamedTypeSymbol? type = model.Compilation.GetTypeByMetadataName("Prom.Ecs.CommandBuffer");
            string typeName = type?.ToMinimalDisplayString(model, addParameterTo.SpanStart) ?? "Prom.Ecs.CommandBuffer";
            ParameterSyntax parameter = SyntaxFactory.Parameter(SyntaxFactory.Identifier(buffer))
                .WithType(SyntaxFactory.ParseTypeName(typeName).WithTrailingTrivia(SyntaxFactory.Space));
            run = run.WithParameterList(run.ParameterList.AddParameters(parameter));
            rewritten = document.WithSyntaxRoot(root.ReplaceNode(addParameterTo, run));
        }

        return world is { DeclaredAccessibility: Accessibility.Private }
            ? await RemoveIfUnreadAsync(rewritten, world, cancellationToken).ConfigureAwait(false)
            : rewritten;
    }

    /// <summary>
    /// When the call was the last read of a private world field, the compiler would report the field as assigned but
    /// never used (CS0414, an error under warnings as errors): the field goes, with the statements that only assign it
    /// (<c>_world = world;</c> in a constructor). A field read anywhere else, or declared or assigned in another
    /// document, stays.
    /// </summary>
    private static async Task<Document> RemoveIfUnreadAsync(Document document, IFieldSymbol original, CancellationToken cancellationToken)
    {
        SyntaxNode root = (await document.GetSyntaxRootAsync(cancellationToken).ConfigureAwait(false))!;
        SemanticModel model = (await document.GetSemanticModelAsync(cancellationToken).ConfigureAwait(false))!;
        if (SymbolFinder.FindSimilarSymbols(original, model.Compilation, cancellationToken).FirstOrDefault() is not { } field
            || field.DeclaringSyntaxReferences.Length != 1
            || field.DeclaringSyntaxReferences[0].SyntaxTree != root.SyntaxTree
            || field.DeclaringSyntaxReferences[0].GetSyntax(cancellationToken) is not VariableDeclaratorSyntax declarator)
        {
            return document;
        }

        var assignments = new List<SyntaxNode>();
        foreach (ReferencedSymbol referenced in await SymbolFinder.FindReferencesAsync(field, document.Project.Solution, cancellationToken).ConfigureAwait(false))
        {
            foreach (ReferenceLocation location in referenced.Locations)
            {
                if (location.Document.Id != document.Id) return document;
                SyntaxNode reference = root.FindNode(location.Location.SourceSpan, getInnermostNodeForTie: true);
                if (reference.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } qualified && qualified.Name == reference)
                {
                    reference = qualified;
                }

                if (reference.Parent is not AssignmentExpressionSyntax { Parent: ExpressionStatementSyntax statement } assignment
                    || assignment.Left != reference
                    || !assignment.IsKind(SyntaxKind.SimpleAssignmentExpression))
                {
                    return document; // still read (or written in an expression whose value is used)
                }

                assignments.Add(statement);
            }
        }

        SyntaxNode removed = declarator.Parent is VariableDeclarationSyntax { Variables.Count: 1, Parent: FieldDeclarationSyntax whole }
            ? whole
            : declarator;
        assignments.Add(removed);
        return document.WithSyntaxRoot(root.RemoveNodes(assignments, SyntaxRemoveOptions.KeepNoTrivia)!);
    }
}
