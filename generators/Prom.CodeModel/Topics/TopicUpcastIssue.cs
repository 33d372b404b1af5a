namespace Prom.CodeModel.Topics;

/// <summary>What is wrong with the upcasters of a topic.</summary>
public enum TopicUpcastIssueKind
{
    /// <summary>A hop to a version that is not backward compatible has no upcaster (PROM0308).</summary>
    Missing,
    /// <summary>A second upcaster for a hop that already has one (PROM0310).</summary>
    Duplicate,
}

/// <summary>One problem found by <see cref="TopicUpcastPlanner.Check"/>; the analyzer adds the location.</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Older">Version N of the hop.</param>
/// <param name="Newer">Version N+1 of the hop.</param>
/// <param name="UpcasterIndex">For <see cref="TopicUpcastIssueKind.Duplicate"/>: the index of the extra upcaster in the input; otherwise -1.</param>
/// <param name="Other">For <see cref="TopicUpcastIssueKind.Duplicate"/>: the upcaster that already serves the hop.</param>
public sealed record TopicUpcastIssue(TopicUpcastIssueKind Kind, TopicVersionInfo Older, TopicVersionInfo Newer, int UpcasterIndex, string? Other);
