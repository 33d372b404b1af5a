using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel;
using Prom.CodeModel.Systems;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Systems;

/// <summary>
/// For every <c>[System]</c>: a runner that the Prom.Ecs scheduler calls (its query, ownership claims and the loop
/// around Run — no reflection, no delegate per entity, no allocation per tick), and for the assembly the static
/// schedule <c>Prom.Generated.PromSystems</c> (plan data, Mermaid and DOT constants, registrations, a scheduler factory).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class SystemGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValuesProvider<GeneratorResult<SystemModel>> systems = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                SystemTypeNames.SystemAttribute,
                predicate: static (node, _) => SyntaxPredicates.IsClassDeclaration(node),
                transform: static (syntaxContext, cancellationToken) => Read(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.SystemModels);

        context.RegisterSourceOutput(systems, static (output, result) =>
            GuardedSteps.Write(output, result, "[System]", model => (HintNames.For(model.FullyQualifiedName, "System"), SystemRunnerEmitter.Emit(model))));

        IncrementalValueProvider<EquatableArray<string>> stageOrder = context.CompilationProvider
            .Select(static (compilation, _) => StageOrder.Of(compilation.Assembly));

        IncrementalValueProvider<SchedulePlanResult> schedule = systems
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => result.Model!)
            .Collect()
            .Combine(stageOrder)
            .Select(static (input, _) => SchedulePlanner.Plan(input.Left.ToEquatableArray(), input.Right))
            .WithTrackingName(TrackingNames.Schedule);

        context.RegisterSourceOutput(schedule, static (output, result) =>
        {
            // Problems are the analyzer's to report; without a valid plan there is nothing to schedule.
            if (result.Plan is { Systems.Count: > 0 } plan)
            {
                output.AddSource(GeneratedNames.HintName(GeneratedNames.Systems), GeneratedFile.Emit(() => ScheduleEmitter.Emit(plan)));
            }
        });
    }

    private static GeneratorResult<SystemModel> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        return GuardedSteps.Read(type.Name, () => SystemParser.Parse(type, context.SemanticModel.Compilation, cancellationToken).Model);
    }
}
