namespace Prom.Bus.Stores;

/// <summary>A record leased to a member.</summary>
/// <param name="Record">The record.</param>
/// <param name="Attempt">Persisted attempt count including this delivery (1 = first).</param>
/// <param name="LeaseUntil">Unix ms at which the lease expires.</param>
public sealed record ClaimedRecord(EventRecord Record, int Attempt, long LeaseUntil);
