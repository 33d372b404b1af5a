namespace Prom.Bus.Stores;

/// <summary>What an ack or nack did.</summary>
public enum SettleOutcome
{
    /// <summary>The record is now settled for the group.</summary>
    Settled,

    /// <summary>It was settled already (a duplicate or late ack); nothing changed.</summary>
    AlreadySettled,

    /// <summary>The nack released the record for redelivery after its delay.</summary>
    Released,

    /// <summary>The nack exhausted the attempts: the record went to <c>dlq.&lt;topic&gt;</c> and is settled.</summary>
    DeadLettered,

    /// <summary>The delivery is stale (the record was redelivered since); nothing changed.</summary>
    Stale,
}
