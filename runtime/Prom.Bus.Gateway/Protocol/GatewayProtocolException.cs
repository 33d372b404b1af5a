using System;

namespace Prom.Bus.Gateway.Protocol;

/// <summary>A request was refused; becomes one <c>ERR {code, msg, field?}</c> reply.</summary>
internal sealed class GatewayProtocolException : Exception
{
    public GatewayProtocolException(string code, string message, string? field = null)
        : base(message)
    {
        Code = code;
        Field = field;
    }

    /// <summary>One of <see cref="GatewayErrorCodes"/>.</summary>
    public string Code { get; }

    /// <summary>The request field (or payload path) that was wrong, when there is one.</summary>
    public string? Field { get; }

    /// <summary>Extra reply fields (for example <c>retry_after_ms</c>).</summary>
    public long? RetryAfterMs { get; init; }
}
