using System.Collections.Generic;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Topics;

namespace Prom.Analyzers.Topics;

/// <summary>
/// PROM0301: header keys written as string literals in the <c>headers</c> argument of a generated topic client's
/// <c>PublishAsync</c> (dictionary initializers <c>["k"] = v</c> and <c>{ "k", v }</c>, and
/// <c>new KeyValuePair&lt;string, string&gt;("k", v)</c>) must be <c>content-type</c> or match <c>^x-[a-z0-9-]+$</c>.
/// Keys computed at run time are checked by the bus when publishing.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TopicHeaderAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.InvalidHeaderKey);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? client = start.Compilation.GetTypeByMetadataName(KnownTypes.TopicClient);
            if (client is null) return; // the topic runtime is not referenced
            start.RegisterOperationAction(operationContext => AnalyzeInvocation(operationContext, client), OperationKind.Invocation);
        });
    }

    private static void AnalyzeInvocation(OperationAnalysisContext context, INamedTypeSymbol client)
    {
        var invocation = (IInvocationOperation)context.Operation;
        if (invocation.TargetMethod.Name != "PublishAsync" ||
            !SymbolEqualityComparer.Default.Equals(invocation.TargetMethod.ContainingType.OriginalDefinition, client))
        {
            return;
        }

        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            if (argument.Parameter?.Name != "headers" || argument.ArgumentKind == ArgumentKind.DefaultValue) continue;
            foreach (IOperation key in HeaderKeys(argument.Value))
            {
                if (key.ConstantValue is { HasValue: true, Value: string text } && !TopicRules.IsValidHeaderKey(text))
                {
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.InvalidHeaderKey, key.Syntax.GetLocation(),
                        text, TopicRules.NormalizeHeaderKey(text) ?? "x-my-header"));
                }
            }
        }
    }

    /// <summary>The key operands of the dictionary or pairs built in <paramref name="headers"/>.</summary>
    private static IEnumerable<IOperation> HeaderKeys(IOperation headers)
    {
        foreach (IOperation operation in headers.DescendantsAndSelf())
        {
            switch (operation)
            {
                // new Dictionary<string, string> { ["k"] = v }
                case ISimpleAssignmentOperation { Target: IPropertyReferenceOperation { Property.IsIndexer: true, Instance: IInstanceReferenceOperation, Arguments.Length: 1 } indexer }:
                    yield return indexer.Arguments[0].Value;
                    break;
                // new Dictionary<string, string> { { "k", v } }
                case IInvocationOperation { TargetMethod.Name: "Add", Instance: IInstanceReferenceOperation, Arguments.Length: 2 } add:
                    yield return add.Arguments[0].Value;
                    break;
                // new KeyValuePair<string, string>("k", v)
                case IObjectCreationOperation { Type: INamedTypeSymbol { Name: "KeyValuePair" }, Arguments.Length: 2 } pair:
                    yield return pair.Arguments[0].Value;
                    break;
            }
        }
    }
}
