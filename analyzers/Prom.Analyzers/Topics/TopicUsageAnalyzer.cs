using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Topics;

namespace Prom.Analyzers.Topics;

/// <summary>
/// PROM0306: a string literal passed as the <c>topic</c> argument of a Prom.Bus API (publish requests, subscribe,
/// replay, consumers, …) that no [Topic] of the compilation declares. Exempt: names ending in <c>.vN</c> and the DLQ
/// (<c>dlq.&lt;declared topic&gt;</c>). Reported at the end of the compilation, when every declaration is known.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TopicUsageAnalyzer : DiagnosticAnalyzer
{
    private const string BusNamespace = "Prom.Bus";
    private const string DlqPrefix = "dlq.";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(DiagnosticDescriptors.UnregisteredTopic);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? topicAttribute = start.Compilation.GetTypeByMetadataName(KnownTypes.TopicAttribute);
            if (topicAttribute is null) return;

            var declared = new ConcurrentDictionary<string, byte>(StringComparer.Ordinal);
            var used = new ConcurrentBag<(string Topic, Location Location)>();
            start.RegisterSymbolAction(symbolContext =>
            {
                foreach (AttributeData attribute in symbolContext.Symbol.GetAttributes())
                {
                    if (SymbolEqualityComparer.Default.Equals(attribute.AttributeClass, topicAttribute) &&
                        attribute.ConstructorArguments.Length == 1 && attribute.ConstructorArguments[0].Value is string name)
                    {
                        declared[name] = 0;
                    }
                }
            }, SymbolKind.NamedType);

            start.RegisterOperationAction(operationContext =>
            {
                ImmutableArray<IArgumentOperation> arguments = operationContext.Operation switch
                {
                    IInvocationOperation invocation when IsBusApi(invocation.TargetMethod) => invocation.Arguments,
                    IObjectCreationOperation { Constructor: { } constructor } creation when IsBusApi(constructor) => creation.Arguments,
                    _ => ImmutableArray<IArgumentOperation>.Empty,
                };
                foreach (IArgumentOperation argument in arguments)
                {
                    if (argument.Parameter is { Name: "topic", Type.SpecialType: SpecialType.System_String } &&
                        argument.ArgumentKind != ArgumentKind.DefaultValue &&
                        argument.Value.ConstantValue is { HasValue: true, Value: string topic })
                    {
                        used.Add((topic, argument.Value.Syntax.GetLocation()));
                    }
                }
            }, OperationKind.Invocation, OperationKind.ObjectCreation);

            start.RegisterCompilationEndAction(end =>
            {
                foreach ((string topic, Location location) in used.OrderBy(u => u.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(u => u.Location.SourceSpan.Start))
                {
                    if (IsRegistered(topic, declared)) continue;
                    end.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.UnregisteredTopic, location, topic));
                }
            });
        });
    }

    private static bool IsRegistered(string topic, IDictionary<string, byte> declared) =>
        !TopicRules.IsValidTopicName(topic) // the bus rejects it anyway; an unregistered warning would only add noise
        || declared.ContainsKey(topic)
        || TopicRules.HasVersionSuffix(topic)
        || (topic.StartsWith(DlqPrefix, StringComparison.Ordinal) && declared.ContainsKey(topic.Substring(DlqPrefix.Length)));

    private static bool IsBusApi(IMethodSymbol method)
    {
        for (INamespaceSymbol? ns = method.ContainingType?.ContainingNamespace; ns is { IsGlobalNamespace: false }; ns = ns.ContainingNamespace)
        {
            if (ns.ToDisplayString() == BusNamespace) return true;
        }
        return false;
    }
}
