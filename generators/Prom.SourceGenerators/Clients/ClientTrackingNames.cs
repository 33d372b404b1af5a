namespace Prom.SourceGenerators.Clients;

/// <summary>Tracked step names of the client generator, for caching tests.</summary>
public static class ClientTrackingNames
{
    /// <summary>The [Topic] declarations read into client models (topic model + enums + schema).</summary>
    public const string ClientTopics = nameof(ClientTopics);

    /// <summary>All client models of the compilation, collected and ordered.</summary>
    public const string ClientTopicSet = nameof(ClientTopicSet);

    /// <summary>The emission settings (MSBuild properties).</summary>
    public const string ClientOptions = nameof(ClientOptions);

    /// <summary>The assembly's name and version.</summary>
    public const string ClientAssembly = nameof(ClientAssembly);
}
