using System;

namespace Prom.Bus;

/// <summary>
/// Start position of a consumer group. Used only when the group has no committed position yet; a later subscription
/// of the same group resumes from its watermark and ignores this value.
/// </summary>
public readonly record struct StartPosition
{
    private StartPosition(StartPositionKind kind, long value, string? id)
    {
        Kind = kind;
        Value = value;
        Id = id;
    }

    /// <summary>Which kind of position.</summary>
    public StartPositionKind Kind { get; }

    /// <summary>Offset (for <see cref="StartPositionKind.Offset"/>) or Unix ms (for <see cref="StartPositionKind.Timestamp"/>).</summary>
    public long Value { get; }

    /// <summary>Record id for <see cref="StartPositionKind.AfterId"/>.</summary>
    public string? Id { get; }

    /// <summary>The oldest retained record.</summary>
    public static StartPosition Earliest => new(StartPositionKind.Earliest, 0, null);

    /// <summary>Only records published after the group is created.</summary>
    public static StartPosition Latest => new(StartPositionKind.Latest, 0, null);

    /// <summary>Start at <paramref name="offset"/> (≥ 1) in every partition.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="offset"/> is below 1.</exception>
    public static StartPosition AtOffset(long offset)
    {
        if (offset < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(offset), offset, "Start offset must be >= 1 (offsets start at 1).");
        }

        return new(StartPositionKind.Offset, offset, null);
    }

    /// <summary>Start at the first record with <c>ts ≥ unixMs</c>.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="unixMs"/> is negative.</exception>
    public static StartPosition AtTimestamp(long unixMs)
    {
        if (unixMs < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(unixMs), unixMs, "Start timestamp must be a non-negative Unix ms time.");
        }

        return new(StartPositionKind.Timestamp, unixMs, null);
    }

    /// <summary>Start right after the record <paramref name="id"/> (which must exist in the topic).</summary>
    /// <exception cref="ArgumentException"><paramref name="id"/> is empty.</exception>
    public static StartPosition AfterId(string id)
    {
        if (string.IsNullOrWhiteSpace(id))
        {
            throw new ArgumentException("afterId needs a record id.", nameof(id));
        }

        return new(StartPositionKind.AfterId, 0, id);
    }

    /// <inheritdoc />
    public override string ToString() => Kind switch
    {
        StartPositionKind.Offset => $"offset {Value}",
        StartPositionKind.Timestamp => $"timestamp {Value}",
        StartPositionKind.AfterId => $"afterId {Id}",
        _ => Kind.ToString().ToLowerInvariant(),
    };
}
