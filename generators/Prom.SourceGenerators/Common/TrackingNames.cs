namespace Prom.SourceGenerators.Common;

/// <summary>Names of tracked incremental steps, so caching tests can find and check them.</summary>
public static class TrackingNames
{
    /// <summary>The [Struct] declarations read into models.</summary>
    public const string StructModels = nameof(StructModels);

    /// <summary>The [Component] declarations read into models.</summary>
    public const string ComponentModels = nameof(ComponentModels);

    /// <summary>All components of the compilation, collected for the registration class.</summary>
    public const string ComponentRegistry = nameof(ComponentRegistry);

    /// <summary>The [Topic] payload declarations read into models.</summary>
    public const string TopicModels = nameof(TopicModels);

    /// <summary>All topics of the compilation, collected for the DI registration class.</summary>
    public const string TopicRegistry = nameof(TopicRegistry);

    /// <summary>The [System] declarations read into models.</summary>
    public const string SystemModels = nameof(SystemModels);

    /// <summary>All systems of the compilation and the stage order, planned into the static schedule.</summary>
    public const string Schedule = nameof(Schedule);
}
