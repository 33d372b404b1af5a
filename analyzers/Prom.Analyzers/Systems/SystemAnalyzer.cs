using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Prom.CodeModel;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Systems;

namespace Prom.Analyzers.Systems;

/// <summary>
/// Reports what is wrong with [System] declarations: per class through the generator's own <see cref="SystemParser"/>
/// (declaration, Run signature), and for the assembly at the end of the compilation through the generator's own
/// <see cref="SchedulePlanner"/> (two owners, cycles, unknown Before/After targets, duplicate names, unknown stages).
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class SystemAnalyzer : DiagnosticAnalyzer
{
    private static readonly ImmutableArray<DiagnosticDescriptor> s_scheduleDescriptors = ImmutableArray.Create(
        DiagnosticDescriptors.ComponentOwnedTwice,
        DiagnosticDescriptors.ScheduleCycle,
        DiagnosticDescriptors.UnknownOrderTarget,
        DiagnosticDescriptors.DuplicateSystemName,
        DiagnosticDescriptors.UnknownStage,
        DiagnosticDescriptors.OrderAgainstStages);

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics { get; } = ImmutableArray.Create(
        DiagnosticDescriptors.SystemMustBePartial,
        DiagnosticDescriptors.InvalidSystemDeclaration,
        DiagnosticDescriptors.SystemRunMethod,
        DiagnosticDescriptors.UnsupportedSystemParameter,
        DiagnosticDescriptors.InvalidRunShape,
        DiagnosticDescriptors.InvalidStageOrder).AddRange(s_scheduleDescriptors);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.EnableConcurrentExecution();
        context.RegisterCompilationAction(compilation =>
        {
            foreach (Problem problem in StageOrder.Problems(compilation.Compilation.Assembly)) compilation.ReportDiagnostic(problem.ToDiagnostic());
        });
        context.RegisterCompilationStartAction(start =>
        {
            if (start.Compilation.GetTypeByMetadataName(SystemTypeNames.SystemAttribute) is null) return;

            // Symbol actions run concurrently; the end action sees every valid system once they are done.
            var systems = new ConcurrentBag<(SystemModel Model, INamedTypeSymbol Type)>();
            start.RegisterSymbolAction(symbolContext =>
            {
                var type = (INamedTypeSymbol)symbolContext.Symbol;
                if (KnownTypes.Find(type, SystemTypeNames.SystemAttribute) is null) return;
                (SystemModel? model, IReadOnlyList<Problem> problems) =
                    SystemParser.Parse(type, symbolContext.Compilation, symbolContext.CancellationToken);
                foreach (Problem problem in problems) symbolContext.ReportDiagnostic(problem.ToDiagnostic());
                if (model is not null) systems.Add((model, type));
            }, SymbolKind.NamedType);

            start.RegisterCompilationEndAction(end => ReportSchedule(end, systems));
        });
    }

    private static void ReportSchedule(CompilationAnalysisContext context, IEnumerable<(SystemModel Model, INamedTypeSymbol Type)> collected)
    {
        // The generator plans in declaration order (syntax tree order, then position); so does this.
        var trees = context.Compilation.SyntaxTrees.Select((tree, index) => (tree, index)).ToDictionary(pair => pair.tree, pair => pair.index);
        var ordered = collected
            .Select(system => (system.Model, system.Type, Location: system.Type.Locations.FirstOrDefault() ?? Location.None))
            .OrderBy(system => system.Location.SourceTree is { } tree && trees.TryGetValue(tree, out int index) ? index : int.MaxValue)
            .ThenBy(system => system.Location.SourceSpan.Start)
            .ToList();

        SchedulePlanResult result = SchedulePlanner.Plan(
            ordered.Select(system => system.Model).ToEquatableArray(), StageOrder.Of(context.Compilation.Assembly));
        foreach (ScheduleProblem problem in result.Problems)
        {
            DiagnosticDescriptor descriptor = s_scheduleDescriptors.First(d => d.Id == problem.Id);
            // The problem names the system it belongs to; with duplicate names, the later declaration.
            Location location = ordered.LastOrDefault(system => system.Model.Name == problem.System).Location ?? Location.None;
            context.ReportDiagnostic(Diagnostic.Create(descriptor, location, problem.Args.Cast<object?>().ToArray()));
        }
    }
}
