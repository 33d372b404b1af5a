using System.Collections.Generic;
using Prom.CodeModel;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits <c>Prom.Generated.PromTopics</c>: <c>Descriptors</c> (every topic version of the assembly, in a stable
/// order), <c>AddPromTopics()</c> (one DI call: typed clients, descriptors, topic configs and the schema registry),
/// <c>CreateSchemaRegistry()</c> and <c>AsyncApiJson</c>, the AsyncAPI 3.0 document built at compile time.
/// </summary>
internal static class TopicRegistryEmitter
{
    /// <param name="topics">Every valid topic version, sorted by generated class.</param>
    /// <param name="assemblyName">The document title.</param>
    /// <param name="assemblyVersion">The document version.</param>
    public static string Emit(IReadOnlyList<TopicSummary> topics, string assemblyName, string assemblyVersion)
    {
        var w = new SourceWriter();
        GeneratedFile.Begin(w, GeneratedNames.Namespace);
        w.Line("/// <summary>Every [Topic] of this assembly.</summary>");
        w.Line(GeneratedFile.GeneratedCodeAttribute);
        w.Open("internal static class " + GeneratedNames.Topics);
        w.Line("/// <summary>The descriptors of every topic version declared in this assembly.</summary>");
        w.Open("public static global::System.Collections.Generic.IReadOnlyList<global::Prom.Topics.TopicDescriptor> Descriptors { get; } = new global::Prom.Topics.TopicDescriptor[]");
        foreach (TopicSummary topic in topics) w.Line($"{topic.GeneratedClass}.Descriptor,");
        w.Close(";");
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// The AsyncAPI 3.0 document of every topic of this assembly (compact JSON, built at compile time): channels,");
        w.Line("/// send/receive operations and one message per version with its JSON schema. Write it with");
        w.Line("/// <c>File.WriteAllText(\"asyncapi.json\", PromTopics.AsyncApiJson)</c>.");
        w.Line("/// </summary>");
        w.Line($"public const string AsyncApiJson = {Json.CSharpLiteral(TopicAsyncApiEmitter.Emit(topics, assemblyName, assemblyVersion))};");
        w.Line();
        w.Line("/// <summary>A schema registry holding every topic version of this assembly.</summary>");
        w.Line("/// <exception cref=\"global::Prom.Topics.Registry.TopicSchemaException\">A version breaks its compatibility mode or is declared twice.</exception>");
        w.Open("public static global::Prom.Topics.Registry.TopicSchemaRegistry CreateSchemaRegistry()");
        w.Line("var registry = new global::Prom.Topics.Registry.TopicSchemaRegistry();");
        w.Line("registry.RegisterAll(Descriptors);");
        w.Line("return registry;");
        w.Close();
        w.Line();
        w.Line("/// <summary>");
        w.Line("/// Registers a singleton <c>TopicClient&lt;T&gt;</c>, the descriptor and the topic config of every topic of this");
        w.Line("/// assembly, and the schema registry every version is registered in when the host starts (needs <c>AddPromBus()</c>).");
        w.Line("/// </summary>");
        w.Open("public static global::Microsoft.Extensions.DependencyInjection.IServiceCollection AddPromTopics(this global::Microsoft.Extensions.DependencyInjection.IServiceCollection services)");
        foreach (TopicSummary topic in topics) w.Line($"global::Prom.Topics.TopicServiceCollectionExtensions.AddPromTopic(services, {topic.GeneratedClass}.Codec);");
        w.Line("return services;");
        w.Close();
        w.Close();
        GeneratedFile.CloseNamespace(w, GeneratedNames.Namespace);
        return w.ToString();
    }
}
