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
/// reflection-free serializer and deserializer, a validator and a typed client factory; and one
/// <c>Prom.Generated.PromTopics.AddPromTopics()</c> for the whole assembly. Invalid declarations are skipped; the
/// topic analyzer explains them (same parser).
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

        IncrementalValueProvider<EquatableArray<string>> registry = topics
            .Where(static result => result.Model is not null)
            .Select(static (result, _) => (result.Model!.Namespace is { } ns ? "global::" + ns + "." : "global::") + result.Model.GeneratedClassName)
            .Collect()
            .Select(static (names, _) => names.Distinct().OrderBy(n => n, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(TrackingNames.TopicRegistry);

        context.RegisterSourceOutput(registry, static (output, names) =>
        {
            if (names.Count > 0) output.AddSource("Prom.Generated.PromTopics.g.cs", TopicRegistryEmitter.Emit(names));
        });
    }

    private static GeneratorResult<TopicModel> Read(GeneratorAttributeSyntaxContext context, CancellationToken cancellationToken)
    {
        var type = (INamedTypeSymbol)context.TargetSymbol;
        return GuardedSteps.Read(type.Name, () => TopicParser.Parse(type, context.Attributes[0], cancellationToken).Model);
    }

    private static void Write(SourceProductionContext output, GeneratorResult<TopicModel> result, Func<TopicModel, string> emit) =>
        GuardedSteps.Write(output, result, "[Topic]", model => (HintNames.For(model.FullyQualifiedName, "Topic"), emit(model)));
}
