namespace Prom.SourceGenerators.Topics;

/// <summary>Tracked step names of the topic generator beyond the shared <c>TrackingNames</c>, for caching tests.</summary>
public static class TopicTrackingNames
{
    /// <summary>The [Upcaster] methods read into models.</summary>
    public const string TopicUpcasters = nameof(TopicUpcasters);

    /// <summary>Per topic version: the other versions it reads and how (upcaster chains).</summary>
    public const string TopicReadPlans = nameof(TopicReadPlans);

    /// <summary>The assembly's name and version, the AsyncAPI document's title and version.</summary>
    public const string TopicAssembly = nameof(TopicAssembly);
}
