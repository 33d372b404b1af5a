using System;

namespace Prom.Bus.Gateway.Protocol;

/// <summary>
/// Every <c>code</c> an <c>ERR</c> frame can carry. docs/gateway.md ("Error codes") describes each one; a client may
/// switch on them, so they never change meaning.
/// </summary>
public static class GatewayErrorCodes
{
    /// <summary>The frame is not a UTF-8 text frame holding one JSON object.</summary>
    public const string BadFrame = "bad_frame";

    /// <summary>The frame is larger than <c>MaxFrameBytes</c>; the server closes the connection (1009).</summary>
    public const string FrameTooLarge = "frame_too_large";

    /// <summary>The <c>op</c> is missing or not one of the protocol's ops.</summary>
    public const string UnknownOp = "unknown_op";

    /// <summary>A required field is missing; <c>field</c> names it.</summary>
    public const string MissingField = "missing_field";

    /// <summary>A field has the wrong JSON type or is out of range; <c>field</c> names it.</summary>
    public const string InvalidField = "invalid_field";

    /// <summary>An op other than AUTH or PING before a successful AUTH.</summary>
    public const string Unauthorized = "unauthorized";

    /// <summary>The token was refused.</summary>
    public const string AuthFailed = "auth_failed";

    /// <summary>AUTH on a connection that is already authenticated.</summary>
    public const string AlreadyAuthenticated = "already_authenticated";

    /// <summary>The token's scopes do not allow this publish or subscribe.</summary>
    public const string Forbidden = "forbidden";

    /// <summary>The connection already has a subscription of this topic and group.</summary>
    public const string AlreadySubscribed = "already_subscribed";

    /// <summary>ACK/NACK/MODACK/PAUSE/RESUME/FLOW/UNSUBSCRIBE for a topic and group this connection is not subscribed to.</summary>
    public const string NotSubscribed = "not_subscribed";

    /// <summary>ACK/NACK/MODACK of an id that this connection's subscription does not hold open.</summary>
    public const string UnknownDelivery = "unknown_delivery";

    /// <summary>MODACK of a delivery whose lease was lost (expired and taken by another member, or settled).</summary>
    public const string LeaseLost = "lease_lost";

    /// <summary>The connection reached <c>MaxSubscriptionsPerConnection</c>.</summary>
    public const string TooManySubscriptions = "too_many_subscriptions";

    /// <summary>The connection reached <c>MaxTopicsPerConnection</c> distinct topics.</summary>
    public const string TooManyTopics = "too_many_topics";

    /// <summary>The publish rate limit of the connection is exhausted; <c>retry_after_ms</c> says when to try again.</summary>
    public const string RateLimited = "rate_limited";

    /// <summary>The payload policy (schema check) refused the publish; <c>field</c> names the offending payload field.</summary>
    public const string PayloadRejected = "payload_rejected";

    /// <summary>The server is shutting down and accepts no new work.</summary>
    public const string ShuttingDown = "shutting_down";

    /// <summary>An unexpected server error (logged with the connection id); the request may be retried.</summary>
    public const string Internal = "internal";

    /// <summary>Topic name breaks the topic rule (bus <see cref="BusErrorCode.InvalidTopic"/>).</summary>
    public const string InvalidTopic = "invalid_topic";

    /// <summary>Group name breaks the group rule.</summary>
    public const string InvalidGroup = "invalid_group";

    /// <summary>A header key breaks the header rule.</summary>
    public const string InvalidHeader = "invalid_header";

    /// <summary>The payload is not one JSON value.</summary>
    public const string InvalidPayload = "invalid_payload";

    /// <summary>The payload exceeds the bus's <c>MaxPayloadBytes</c>.</summary>
    public const string PayloadTooLarge = "payload_too_large";

    /// <summary>The explicit partition does not exist.</summary>
    public const string InvalidPartition = "invalid_partition";

    /// <summary>The start position cannot be resolved (for example an unknown <c>after_id</c>).</summary>
    public const string InvalidStartPosition = "invalid_start_position";

    /// <summary>The group never joined the topic.</summary>
    public const string UnknownGroup = "unknown_group";

    /// <summary>The topic does not exist.</summary>
    public const string UnknownTopic = "unknown_topic";

    /// <summary>A topic was declared again with a different partition count.</summary>
    public const string TopicConflict = "topic_conflict";

    /// <summary>An explicit event id is not a UUID.</summary>
    public const string InvalidId = "invalid_id";

    /// <summary>An explicit event id is already stored on another topic.</summary>
    public const string IdConflict = "id_conflict";

    /// <summary>The store was busy (write lock held elsewhere); nothing was stored; retry.</summary>
    public const string StoreBusy = "store_busy";

    /// <summary>The store's schema is newer than this server.</summary>
    public const string SchemaTooNew = "schema_too_new";

    /// <summary>A key, tag, header value or other field exceeds its size limit.</summary>
    public const string FieldTooLarge = "field_too_large";

    /// <summary>The wire code of a bus error: one name per <see cref="BusErrorCode"/>, in snake case.</summary>
    public static string FromBus(BusErrorCode code) => code switch
    {
        BusErrorCode.InvalidTopic => InvalidTopic,
        BusErrorCode.InvalidGroup => InvalidGroup,
        BusErrorCode.InvalidHeader => InvalidHeader,
        BusErrorCode.InvalidPayload => InvalidPayload,
        BusErrorCode.PayloadTooLarge => PayloadTooLarge,
        BusErrorCode.InvalidPartition => InvalidPartition,
        BusErrorCode.InvalidStartPosition => InvalidStartPosition,
        BusErrorCode.UnknownGroup => UnknownGroup,
        BusErrorCode.UnknownDelivery => UnknownDelivery,
        BusErrorCode.UnknownTopic => UnknownTopic,
        BusErrorCode.TopicConflict => TopicConflict,
        BusErrorCode.InvalidId => InvalidId,
        BusErrorCode.IdConflict => IdConflict,
        BusErrorCode.StoreBusy => StoreBusy,
        BusErrorCode.SchemaTooNew => SchemaTooNew,
        BusErrorCode.FieldTooLarge => FieldTooLarge,
        _ => throw new ArgumentOutOfRangeException(nameof(code), code, "A bus error code without a wire name: add it here and to docs/gateway.md."),
    };
}
