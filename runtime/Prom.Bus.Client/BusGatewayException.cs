using System;

namespace Prom.Bus.Client;

/// <summary>
/// The gateway refused a request for a reason of its own (authentication, scopes, limits, protocol): <see cref="Code"/> is
/// the wire code of docs/gateway.md ("Error codes"). Bus errors (invalid topic, payload, partition, …) arrive as
/// <see cref="BusException"/> instead, exactly as in process.
/// </summary>
public sealed class BusGatewayException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BusGatewayException(string code, string message, string? field = null, int? retryAfterMs = null)
        : base(message)
    {
        Code = code;
        Field = field;
        RetryAfterMs = retryAfterMs;
    }

    /// <summary>The wire code, for example <c>forbidden</c>, <c>auth_failed</c> or <c>too_many_subscriptions</c>.</summary>
    public string Code { get; }

    /// <summary>The request field that was wrong (for example <c>opts.max_inflight</c>), when the server named one.</summary>
    public string? Field { get; }

    /// <summary>With <c>rate_limited</c>: how long to wait before retrying.</summary>
    public int? RetryAfterMs { get; }
}
