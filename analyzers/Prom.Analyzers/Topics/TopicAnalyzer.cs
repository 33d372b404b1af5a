using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Topics;

namespace Prom.Analyzers.Topics;

/// <summary>
/// Reports what is wrong with [Topic] declarations: per declaration through the generator's own
/// <see cref="TopicParser"/> (name, settings, members), and across declarations at the end of the compilation
/// (a topic version declared twice, a version gap).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TopicAnalyzer : DiagnosticAnalyzer
{
    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidTopicName,
        DiagnosticDescriptors.DuplicateTopicVersion,
        DiagnosticDescriptors.TopicVersionGap,
        DiagnosticDescriptors.UnserializablePayloadMember,
        DiagnosticDescriptors.InvalidTopicDeclaration,
        DiagnosticDescriptors.BreakingSchemaChange);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationStartAction(start =>
        {
            INamedTypeSymbol? topicAttribute = start.Compilation.GetTypeByMetadataName(KnownTypes.TopicAttribute);
            if (topicAttribute is null) return; // the package is not referenced

            // Symbol actions run concurrently; the end action sees every declaration once they are done.
            var declarations = new ConcurrentBag<TopicDeclaration>();
            var models = new ConcurrentBag<(TopicModel Model, Location Location)>();
            start.RegisterSymbolAction(symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                AttributeData? attribute = type.GetAttributes().FirstOrDefault(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, topicAttribute));
                if (attribute is null) return;
                TopicParseResult result = TopicParser.Parse(type, attribute, symbolContext.CancellationToken);
                foreach (Problem problem in result.Problems) symbolContext.ReportDiagnostic(problem.ToDiagnostic());
                if (result.TopicName is { } name)
                {
                    declarations.Add(new TopicDeclaration(name, result.Version, type.Name, type.Locations.FirstOrDefault() ?? Location.None));
                }
                if (result.Model is { } model) models.Add((model, type.Locations.FirstOrDefault() ?? Location.None));
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end =>
            {
                foreach (Problem problem in TopicVersionRules.Check(declarations)) end.ReportDiagnostic(problem.ToDiagnostic());
                ReportBreakingChanges(end, models);
            });
        });
    }

    /// <summary>PROM0307 for every version that breaks its mode; duplicate versions are left to PROM0302.</summary>
    private static void ReportBreakingChanges(CompilationAnalysisContext context, IEnumerable<(TopicModel Model, Location Location)> models)
    {
        foreach (var topic in models.GroupBy(m => m.Model.TopicName, StringComparer.Ordinal))
        {
            var ordered = topic.OrderBy(m => m.Model.Version).ToList();
            if (ordered.Select(m => m.Model.Version).Distinct().Count() != ordered.Count) continue;
            IReadOnlyList<TopicModel> versions = ordered.Select(m => m.Model).ToList();
            foreach ((TopicModel newer, Location location) in ordered)
            {
                foreach (TopicModel older in TopicCompatibilityRules.Earlier(newer, versions))
                {
                    IReadOnlyList<string> breaks = TopicCompatibilityRules.Breaks(older, newer);
                    if (breaks.Count == 0) continue;
                    context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.BreakingSchemaChange, location,
                        newer.TopicName, newer.Version, newer.TypeName, newer.Compatibility, older.Version, older.TypeName, string.Join("; ", breaks)));
                }
            }
        }
    }
}
