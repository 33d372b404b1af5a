using System;
using System.Collections.Generic;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway;

/// <summary>Settings of the gateway (configuration section <c>Gateway</c> in the ready server).</summary>
public sealed class GatewayOptions
{
    /// <summary>Static tokens for the default <see cref="StaticTokenAuthenticator"/>. Empty = every AUTH fails.</summary>
    public List<GatewayToken> Tokens { get; set; } = [];

    /// <summary>Largest accepted client frame in bytes; a larger one gets <c>ERR frame_too_large</c> and a 1009 close. Default 2 MiB.</summary>
    public int MaxFrameBytes { get; set; } = 2 * 1024 * 1024;

    /// <summary>Subscriptions one connection may hold at once. Default 64.</summary>
    public int MaxSubscriptionsPerConnection { get; set; } = 64;

    /// <summary>Distinct topics one connection may publish to or subscribe to over its life. Default 256.</summary>
    public int MaxTopicsPerConnection { get; set; } = 256;

    /// <summary>Publishes per second per connection (token bucket refilled every 100 ms); 0 = no limit. Default 10,000.</summary>
    public int PublishRatePerSecond { get; set; } = 10_000;

    /// <summary>Burst of the publish rate limit (bucket size). Default 2,000.</summary>
    public int PublishBurst { get; set; } = 2_000;

    /// <summary>
    /// EVENT frames queued for one connection and not yet written to its socket. When the queue is full, delivery to
    /// that connection pauses (its subscriptions stop receiving) until the client reads. Default 256.
    /// </summary>
    public int SendQueueEvents { get; set; } = 256;

    /// <summary>
    /// Requests of one connection being processed or whose reply is not yet written. At the limit the gateway stops
    /// reading that socket (TCP back-pressure) until replies drain. Default 256.
    /// </summary>
    public int MaxPendingRequests { get; set; } = 256;

    /// <summary>Largest <c>opts.max_inflight</c> a SUBSCRIBE may ask for. Default 10,000.</summary>
    public int MaxInFlightLimit { get; set; } = 10_000;

    /// <summary>Time a new connection has to authenticate before it is closed (1008). Default 10 s.</summary>
    public TimeSpan AuthTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Failed AUTH attempts after which the connection is closed (1008). Default 3.</summary>
    public int MaxAuthFailures { get; set; } = 3;

    /// <summary>Most headers, tags and caused_by entries in one PUBLISH. Default 64 each.</summary>
    public int MaxListEntries { get; set; } = 64;

    /// <summary>Throws when a setting is out of range (the message names it).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A setting is out of range.</exception>
    public void Validate()
    {
        Positive(MaxFrameBytes, nameof(MaxFrameBytes));
        Positive(MaxSubscriptionsPerConnection, nameof(MaxSubscriptionsPerConnection));
        Positive(MaxTopicsPerConnection, nameof(MaxTopicsPerConnection));
        Positive(SendQueueEvents, nameof(SendQueueEvents));
        Positive(MaxPendingRequests, nameof(MaxPendingRequests));
        Positive(MaxInFlightLimit, nameof(MaxInFlightLimit));
        Positive(MaxAuthFailures, nameof(MaxAuthFailures));
        Positive(MaxListEntries, nameof(MaxListEntries));
        if (PublishRatePerSecond < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(PublishRatePerSecond), PublishRatePerSecond, "Must be 0 (no limit) or positive.");
        }

        if (PublishRatePerSecond > 0)
        {
            Positive(PublishBurst, nameof(PublishBurst));
        }

        if (AuthTimeout <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(AuthTimeout), AuthTimeout, "Must be positive.");
        }
    }

    private static void Positive(int value, string name)
    {
        if (value < 1)
        {
            throw new ArgumentOutOfRangeException(name, value, "Must be at least 1.");
        }
    }
}
