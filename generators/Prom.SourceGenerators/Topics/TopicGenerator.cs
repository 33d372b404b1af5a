using System;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.CodeModel;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// For every [Topic] payload type: a static <c>&lt;Type&gt;Topic</c> class with the descriptor, the JSON schema, a
/// reflection-free serializer and deserializer, a validator and a typed client factory; for every version that reads
/// other versions, the upcaster chain (a second part of that class); and one <c>Prom.Generated.PromTopics</c> for the
/// whole assembly (descriptors, <c>AddPromTopics()</c>, the AsyncAPI document). Invalid declarations are skipped; the
/// topic analyzer explains them (same parsers).
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed partial class TopicGenerator : IIncrementalGenerator
{
    private readonly Func<TopicModel, string> _emit;

    /// <summary>The generator as the compiler creates it.</summary>
    public TopicGenerator() : this(Emitter.Emit)
    {
    }

    /// <summary>Lets tests replace the emitter, e.g. with one that throws, to prove failures become PROM0900.</summary>
    internal TopicGenerator(Func<TopicModel, string> emit) => _emit = emit;

    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        Func<TopicModel, string> emit = _emit;
        IncrementalValuesProvider<GeneratorResult<TopicModel>> topics = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.TopicAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (syntaxContext, cancellationToken) => Read(syntaxContext, cancellationToken))
            .WithTrackingName(TrackingNames.TopicModels);

        context.RegisterSourceOutput(topics, (output, result) => Write(output, result, emit));

        IncrementalValuesProvider<TopicModel> valid = topics.Where(static result => result.Model is not null).Select(static (result, _) => result.Model!);

        IncrementalValueProvider<EquatableArray<TopicSummary>> registry = valid
            .Select(static (model, _) => TopicSummary.From(model))
            .Collect()
            .Select(static (summaries, _) => summaries.Distinct().OrderBy(s => s.GeneratedClass, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.TopicRegistry);

        // Only the name and version reach the output step, so an edit elsewhere leaves it unchanged.
        IncrementalValueProvider<(string Name, string Version)> assembly = context.CompilationProvider
            .Select(static (compilation, _) => (compilation.AssemblyName ?? "topics", compilation.Assembly.Identity.Version.ToString(3)))
            .WithTrackingName(TopicTrackingNames.TopicAssembly);

        context.RegisterSourceOutput(registry.Combine(assembly), static (output, pair) =>
        {
            if (pair.Left.Count > 0) output.AddSource(GeneratedNames.HintName(GeneratedNames.Topics), GeneratedFile.Emit(() => TopicRegistryEmitter.Emit(pair.Left, pair.Right.Name, pair.Right.Version)));
        });

        IncrementalValuesProvider<GeneratorResult<TopicUpcasterModel>> upcasters = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                TopicUpcasterParser.UpcasterAttribute,
                predicate: static (node, _) => node is MethodDeclarationSyntax,
                transform: static (syntaxContext, _) => GuardedSteps.Read(syntaxContext.TargetSymbol.Name, () => TopicUpcasterParser.Parse((IMethodSymbol)syntaxContext.TargetSymbol).Model))
            .WithTrackingName(TopicTrackingNames.TopicUpcasters);

        // Upcasters emit nothing of their own (the read plans use them); only a parser crash is reported, as PROM0900.
        // The emit delegate is never called: the filter keeps only results that carry an internal error.
        context.RegisterSourceOutput(upcasters.Where(static r => r.InternalError is not null), static (output, result) =>
            GuardedSteps.Write(output, result, "[Upcaster]", _ => throw new InvalidOperationException("an upcaster has no output of its own")));

        IncrementalValuesProvider<TopicReadPlan> plans = valid
            .Select(static (model, _) => TopicVersionInfo.From(model))
            .Collect()
            .Combine(upcasters.Where(static r => r.Model is not null).Select(static (r, _) => r.Model!).Collect())
            .SelectMany(static (pair, _) => TopicUpcastPlanner.Plan(pair.Left, pair.Right))
            .WithTrackingName(TopicTrackingNames.TopicReadPlans);

        context.RegisterSourceOutput(plans, static (output, plan) =>
            output.AddSource(HintNames.For(plan.Target.PayloadType, "TopicReads"), GeneratedFile.Emit(() => TopicReadsEmitter.Emit(plan))));
    }

    private static GeneratorResult<TopicModel> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        return GuardedSteps.Read(type.Name, () => TopicParser.Parse(type, context.Attributes[0], cancellationToken).Model);
    }

    private static void Write(SourceProductionContext output, GeneratorResult<TopicModel> result, Func<TopicModel, string> emit) =>
        GuardedSteps.Write(output, result, "[Topic]", model => (HintNames.For(model.FullyQualifiedName, "Topic"), emit(model)));
}
