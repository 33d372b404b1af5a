#if BUILDING_CODE_MODEL
namespace Prom.CodeModel;
#else
namespace Prom;
#endif

/// <summary>
/// The names of the types the generators add to a user's assembly, in one place. This one file is compiled into the
/// code model (public: the generators emit these names and the analyzers recognize them) and into the
/// <c>Prom.ClientFiles</c> build step (which finds the client-file carrier in the built assembly by these names), so
/// a rename cannot leave one side behind.
/// </summary>
#if BUILDING_CODE_MODEL
public
#else
internal
#endif
static class GeneratedNames
{
    /// <summary>The namespace of the assembly-wide generated types.</summary>
    public const string Namespace = "Prom.Generated";

    /// <summary>The static schedule of the assembly's [System]s (plan, registrations, Mermaid/DOT text).</summary>
    public const string Systems = "PromSystems";

    /// <summary>The assembly's topic descriptors, <c>AddPromTopics()</c> and AsyncAPI document.</summary>
    public const string Topics = "PromTopics";

    /// <summary>The assembly's [Component] registry.</summary>
    public const string Components = "PromComponents";

    /// <summary>The carrier of the emitted TypeScript, Python and JSON schema files (path/text constant pairs).</summary>
    public const string ClientFiles = "PromClientFiles";

    /// <summary>How the per-component extension class of chunk column accessors ends (<c>PositionChunkExtensions</c>).</summary>
    public const string ChunkExtensionsSuffix = "ChunkExtensions";

    /// <summary>How the generated class of a [Topic] ends (<c>HeartbeatTopic</c>).</summary>
    public const string TopicClassSuffix = "Topic";

    /// <summary>How the generated runner of a [System] ends (<c>Movement__PromRunner</c>).</summary>
    public const string SystemRunnerSuffix = "__PromRunner";

    /// <summary>The hint name of an assembly-wide type: <c>Prom.Generated.PromSystems.g.cs</c>.</summary>
    public static string HintName(string typeName) => Namespace + "." + typeName + ".g.cs";

    /// <summary>The extension class of a component's chunk column accessors.</summary>
    public static string ChunkExtensions(string componentName) => componentName + ChunkExtensionsSuffix;

    /// <summary>The runner of the [System] type <paramref name="typeName"/>.</summary>
    public static string SystemRunner(string typeName) => typeName + SystemRunnerSuffix;
}
