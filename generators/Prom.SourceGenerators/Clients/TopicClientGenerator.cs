using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.CodeModel;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;
using Prom.SourceGenerators.Topics;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// When the project sets <c>PromClientsOutputPath</c>: the TypeScript module, the Python package, the JSON schema of
/// every [Topic] version and the AsyncAPI document, embedded as constants of <c>Prom.Generated.PromClientFiles</c>
/// for the package's MSBuild target to write (a generator cannot write files). Reads the same <c>TopicModel</c>s the
/// C# codec is generated from, so every language gets the same members, names and required set. Without the property
/// it emits nothing.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class TopicClientGenerator : IIncrementalGenerator
{
    /// <inheritdoc/>
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        IncrementalValueProvider<ClientOptions> options = context.AnalyzerConfigOptionsProvider
            .Select(static (provider, _) => ClientOptions.From(provider))
            .WithTrackingName(ClientTrackingNames.ClientOptions);

        IncrementalValuesProvider<GeneratorResult<ClientTopicModel>> topics = context.SyntaxProvider
            .ForAttributeWithMetadataName(
                KnownTypes.TopicAttribute,
                predicate: static (node, _) => node is ClassDeclarationSyntax or StructDeclarationSyntax or RecordDeclarationSyntax,
                transform: static (syntaxContext, cancellationToken) =>
                {
                    var type = (INamedTypeSymbol)syntaxContext.TargetSymbol;
                    return GuardedSteps.Read(type.Name, () =>
                        TopicParser.Parse(type, syntaxContext.Attributes[0], cancellationToken).Model is { } model
                            ? new ClientTopicModel(model, TopicSchemaEmitter.Emit(model))
                            : null);
                })
            .WithTrackingName(ClientTrackingNames.ClientTopics);

        IncrementalValueProvider<EquatableArray<ClientTopicModel>> set = topics
            .Where(static r => r.Model is not null)
            .Select(static (r, _) => r.Model!)
            .Collect()
            .Select(static (models, _) => models.OrderBy(m => m.Topic.TopicName, StringComparer.Ordinal).ThenBy(m => m.Topic.Version)
                .ThenBy(m => m.Topic.FullyQualifiedName, StringComparer.Ordinal).ToEquatableArray())
            .WithTrackingName(ClientTrackingNames.ClientTopicSet);

        IncrementalValueProvider<(string Name, string Version)> assembly = context.CompilationProvider
            .Select(static (compilation, _) => (compilation.AssemblyName ?? "topics", compilation.Assembly.Identity.Version.ToString(3)))
            .WithTrackingName(ClientTrackingNames.ClientAssembly);

        // A parser crash is reported by the topic generator (same parser); here it only means "no model".
        context.RegisterSourceOutput(set.Combine(options).Combine(assembly), static (output, input) =>
        {
            ((EquatableArray<ClientTopicModel> models, ClientOptions settings), (string name, string version)) = input;
            if (!settings.Enabled) return;
            var batch = new ClientBatch(models, settings, name, version);
            GuardedSteps.Write(output, new GeneratorResult<ClientBatch>(batch, name, null), "[Topic] clients",
                static b => (GeneratedNames.HintName(GeneratedNames.ClientFiles), ClientFilesEmitter.Emit(Files(b))));
        });
    }

    /// <summary>Every client file of one compilation (also what the golden tests compare).</summary>
    internal static IReadOnlyList<ClientFile> Files(ClientBatch batch)
    {
        ClientDeclarations declarations = ClientDeclarations.From(batch.Models);
        string asyncApi = TopicAsyncApiEmitter.Emit(batch.Models.Select(m => TopicSummary.From(m.Topic)).ToList(), batch.AssemblyName, batch.AssemblyVersion);
        return ClientFileSet.Build(declarations, batch.AssemblyName, batch.Options.PackageFor(batch.AssemblyName), asyncApi);
    }
}

/// <summary>The input of the output step: every client model, the settings and the assembly's name and version.</summary>
internal sealed record ClientBatch(EquatableArray<ClientTopicModel> Models, ClientOptions Options, string AssemblyName, string AssemblyVersion);
