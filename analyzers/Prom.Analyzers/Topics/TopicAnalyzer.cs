using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Topics;

namespace Prom.Analyzers.Topics;

/// <summary>
/// Reports what is wrong with [Topic] declarations: per declaration through the generator's own
/// <see cref="TopicParser"/> (name, settings, members), and across declarations at the end of the compilation
/// (a topic version declared twice, a version gap, breaking changes, and the upcasters: a hop without a way across,
/// two upcasters for one hop). <c>[Upcaster]</c> methods are checked through the generator's <see cref="TopicUpcasterParser"/>.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class TopicAnalyzer : DiagnosticAnalyzer
{
    /// <summary>PROM0308 property: the metadata name of the hop's older payload type, for the code fix.</summary>
    public const string OlderTypeProperty = "OlderType";

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.InvalidTopicName,
        DiagnosticDescriptors.NullTopicName,
        DiagnosticDescriptors.DuplicateTopicVersion,
        DiagnosticDescriptors.TopicVersionGap,
        DiagnosticDescriptors.UnserializablePayloadMember,
        DiagnosticDescriptors.NotExactInClients,
        DiagnosticDescriptors.InvalidTopicDeclaration,
        DiagnosticDescriptors.BreakingSchemaChange,
        DiagnosticDescriptors.MissingUpcaster,
        DiagnosticDescriptors.InvalidUpcaster,
        DiagnosticDescriptors.DuplicateUpcaster);

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

            INamedTypeSymbol? upcasterAttribute = start.Compilation.GetTypeByMetadataName(TopicUpcasterParser.UpcasterAttribute);
            var upcasters = new ConcurrentBag<(TopicUpcasterModel Model, Location Location)>();
            if (upcasterAttribute is not null)
            {
                // A syntax action on attributed method declarations only: a symbol action would also visit every
                // compiler-synthesized record member (Equals, PrintMembers, …), thousands in a large program.
                start.RegisterSyntaxNodeAction(nodeContext =>
                {
                    var declaration = (MethodDeclarationSyntax)nodeContext.Node;
                    if (declaration.AttributeLists.Count == 0) return;
                    if (nodeContext.SemanticModel.GetDeclaredSymbol(declaration, nodeContext.CancellationToken) is not { } method) return;
                    if (!method.GetAttributes().Any(a => SymbolEqualityComparer.Default.Equals(a.AttributeClass, upcasterAttribute))) return;
                    (TopicUpcasterModel? model, IReadOnlyList<Problem> problems) = TopicUpcasterParser.Parse(method);
                    foreach (Problem problem in problems) nodeContext.ReportDiagnostic(problem.ToDiagnostic());
                    if (model is not null) upcasters.Add((model, method.Locations.FirstOrDefault() ?? Location.None));
                }, SyntaxKind.MethodDeclaration);
            }

            start.RegisterCompilationEndAction(end =>
            {
                foreach (Problem problem in TopicVersionRules.Check(declarations)) end.ReportDiagnostic(problem.ToDiagnostic());
                ReportBreakingChanges(end, models);
                ReportUpcasterIssues(end, models, upcasters);
            });
        });
    }

    /// <summary>PROM0308 on the newer version of a hop nothing crosses; PROM0310 on a second upcaster for one hop.</summary>
    private static void ReportUpcasterIssues(
        CompilationAnalysisContext context,
        IEnumerable<(TopicModel Model, Location Location)> models,
        IEnumerable<(TopicUpcasterModel Model, Location Location)> upcasters)
    {
        var locations = new Dictionary<string, Location>(StringComparer.Ordinal);
        foreach ((TopicModel model, Location location) in models) locations[model.FullyQualifiedName] = location;
        // A stable input order (by place in the source), so "the second upcaster" is the same in every build.
        List<(TopicUpcasterModel Model, Location Location)> ordered = upcasters
            .OrderBy(u => u.Location.SourceTree?.FilePath, StringComparer.Ordinal).ThenBy(u => u.Location.SourceSpan.Start).ToList();
        foreach (TopicUpcastIssue issue in TopicUpcastPlanner.Check(models.Select(m => TopicVersionInfo.From(m.Model)), ordered.Select(u => u.Model).ToList()))
        {
            if (issue.Kind == TopicUpcastIssueKind.Missing)
            {
                // The code fix needs the older type; metadata names have no "global::" (nested types get no fix).
                ImmutableDictionary<string, string?> properties = ImmutableDictionary<string, string?>.Empty
                    .Add(OlderTypeProperty, issue.Older.PayloadType.Replace("global::", ""));
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.MissingUpcaster, locations[issue.Newer.PayloadType], properties,
                    issue.Newer.TopicName, issue.Older.Version, issue.Older.TypeName, issue.Newer.Version, issue.Newer.TypeName, Describe(issue.Newer.Compatibility)));
            }
            else
            {
                context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.DuplicateUpcaster, ordered[issue.UpcasterIndex].Location,
                    ordered[issue.UpcasterIndex].Model.DisplayName, issue.Newer.TopicName, issue.Older.Version, issue.Newer.Version, issue.Other));
            }
        }
    }

    private static string Describe(Compatibility compatibility) => compatibility switch
    {
        Compatibility.None => "declared Compat = None",
        _ => $"declared Compat = {compatibility} (not backward)",
    };

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
