namespace Prom.Bus;

/// <summary>A parsed DLQ entry.</summary>
/// <param name="Record">The DLQ record itself.</param>
/// <param name="Topic">Topic of the original.</param>
/// <param name="Group">Group that failed to process it.</param>
/// <param name="Original">The original record.</param>
/// <param name="Error">Last error.</param>
/// <param name="Attempts">Attempts made.</param>
/// <param name="Ts">When it was dead-lettered (Unix ms).</param>
public sealed record DeadLetterEntry(
    EventRecord Record, string Topic, string Group, EventRecord Original, string Error, int Attempts, long Ts);
