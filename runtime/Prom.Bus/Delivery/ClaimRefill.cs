using System;

namespace Prom.Bus;

/// <summary>
/// When a competing member whose window limited its last claim claims again. Claiming on every freed slot made a
/// saturated member (its window full, records waiting in the log) run one claim transaction per ack, each leasing a
/// single record: over the gateway with 10 members of max_inflight 32, 1.2 records per claim, and the claim path cost
/// more SQL than the publish and the ack together (docs/benchmarks.md, session 14). Such a member still holds at least
/// <c>MaxInFlight - Threshold</c> unacked deliveries, so it has work and can wait until a quarter of its window is free
/// and then lease that quarter in one claim (NATS pull consumers refill at a threshold the same way). The wait is
/// bounded by <see cref="MaxDeferral"/>: a consumer that holds its deliveries until it has received more (a batching
/// handler) still gets every free slot filled, only up to that much later. A member whose last claim found fewer records
/// than it had room for (the log limited it) claims on every wake, as before: records are then scarce, not slots.
/// The window bound itself (never more than MaxInFlight open deliveries) is unchanged: a claim still takes at most the
/// free slots.
/// </summary>
internal static class ClaimRefill
{
    /// <summary>Longest a window-bound member with some free slots waits for more of them before it claims anyway.</summary>
    public static readonly TimeSpan MaxDeferral = TimeSpan.FromMilliseconds(5);

    /// <summary>Free slots at which a window-bound member claims at once: a quarter of the window (1 for windows under 8).</summary>
    public static int Threshold(int maxInFlight) => Math.Max(1, maxInFlight / 4);
}
