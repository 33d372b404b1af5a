namespace Prom.Bus;

/// <summary>Why a bus operation was refused.</summary>
public enum BusErrorCode
{
    /// <summary>The topic name breaks the topic rule.</summary>
    InvalidTopic,

    /// <summary>The consumer group name is empty or malformed.</summary>
    InvalidGroup,

    /// <summary>A header key breaks the header rule.</summary>
    InvalidHeader,

    /// <summary>The payload is not valid UTF-8 JSON.</summary>
    InvalidPayload,

    /// <summary>The payload exceeds <c>BusOptions.MaxPayloadBytes</c>.</summary>
    PayloadTooLarge,

    /// <summary>The explicit partition is outside the topic's partitions.</summary>
    InvalidPartition,

    /// <summary>The start position cannot be resolved (for example an unknown afterId).</summary>
    InvalidStartPosition,

    /// <summary>The consumer group never joined the topic.</summary>
    UnknownGroup,

    /// <summary>An ack/nack names a record that this group was never given.</summary>
    UnknownDelivery,

    /// <summary>The topic does not exist.</summary>
    UnknownTopic,

    /// <summary>A topic was re-declared with a different partition count.</summary>
    TopicConflict,

    /// <summary>An explicit event id is not a UUID.</summary>
    InvalidId,

    /// <summary>An explicit event id is already stored on another topic (re-publishing on the same topic is idempotent).</summary>
    IdConflict,

    /// <summary>
    /// The store could not get its write lock within its busy timeout (another process holds it) or the caller's
    /// cancellation came first; nothing was stored. Retry later.
    /// </summary>
    StoreBusy,

    /// <summary>The store's schema was written by a newer version of Prom.Bus than this one; upgrade this binary.</summary>
    SchemaTooNew,

    /// <summary>A key, tag, header value or other field exceeds its size limit.</summary>
    FieldTooLarge,
}
