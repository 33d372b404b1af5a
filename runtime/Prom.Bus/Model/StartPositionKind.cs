namespace Prom.Bus;

/// <summary>Where a consumer group with no committed position starts.</summary>
public enum StartPositionKind
{
    /// <summary>The oldest retained record.</summary>
    Earliest,

    /// <summary>Only records published after the group was created.</summary>
    Latest,

    /// <summary>At a given offset (in every partition).</summary>
    Offset,

    /// <summary>At the first record whose timestamp is at or after a Unix ms time.</summary>
    Timestamp,

    /// <summary>Right after the record with a given id.</summary>
    AfterId,
}
