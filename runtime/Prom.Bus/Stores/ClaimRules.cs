namespace Prom.Bus.Stores;

/// <summary>What the ordered (head-of-line) claim walk does with the next unsettled record of a partition.</summary>
internal enum HeadStep
{
    /// <summary>The member's window (per partition or in total) is full: stop.</summary>
    Full,

    /// <summary>This member already holds it: it fills the window, walk on.</summary>
    Held,

    /// <summary>Another member holds it or its nack delay hides it: stop, nothing may overtake it.</summary>
    Blocked,

    /// <summary>Its last allowed attempt expired: dead-letter it, walk on.</summary>
    DeadLetter,

    /// <summary>Lease it to this member.</summary>
    Lease,
}

/// <summary>The claim rules every SQL store applies the same way (one place for them; the stores only run the statements).</summary>
internal static class ClaimRules
{
    /// <summary>
    /// The ordered walk's decision for one record: <paramref name="fresh"/> when it has no delivery row, else its row's
    /// attempts, lease end, visible-at and owner; <paramref name="held"/> records of the partition this member holds so
    /// far in the walk, <paramref name="claimed"/> records claimed by this request so far.
    /// </summary>
    public static HeadStep Ordered(ClaimRequest req, int held, int claimed, bool fresh, long attempts, long leaseUntil, long visibleAt, string? owner)
    {
        if (held >= System.Math.Max(1, req.MaxPerPartition) || claimed >= req.Max)
        {
            return HeadStep.Full;
        }

        bool leased = leaseUntil > req.Now;
        if (leased && owner == req.Member)
        {
            return HeadStep.Held;
        }

        if (leased || visibleAt > req.Now)
        {
            return HeadStep.Blocked;
        }

        return !fresh && attempts >= req.MaxAttempts ? HeadStep.DeadLetter : HeadStep.Lease;
    }

    /// <summary>The DLQ reason of a record whose lease expired on its last attempt: its last nack reason, if any.</summary>
    public static string ExpiredReason(string? lastError, long attempts) => lastError ?? $"lease expired after {attempts} attempts";
}
