using System;
using System.Text;
using System.Text.Json;

namespace Prom.Bus.Client.Wire;

/// <summary>An <c>ERR</c> frame: <c>code</c>, <c>msg</c>, <c>field?</c>, <c>retry_after_ms?</c> (docs/gateway.md, "Error codes").</summary>
internal readonly record struct WireError(string Code, string Message, string? Field, int? RetryAfterMs)
{
    public const string ShuttingDown = "shutting_down";
    public const string RateLimited = "rate_limited";
    public const string StoreBusy = "store_busy";
    public const string AuthFailed = "auth_failed";
    public const string UnknownDelivery = "unknown_delivery";
    public const string LeaseLost = "lease_lost";
    public const string NotSubscribed = "not_subscribed";

    public static WireError Read(JsonElement frame) => new(
        frame.TryGetProperty("code", out JsonElement c) && c.ValueKind == JsonValueKind.String ? c.GetString()! : "internal",
        frame.TryGetProperty("msg", out JsonElement m) && m.ValueKind == JsonValueKind.String ? m.GetString()! : "(no message)",
        frame.TryGetProperty("field", out JsonElement f) && f.ValueKind == JsonValueKind.String ? f.GetString() : null,
        frame.TryGetProperty("retry_after_ms", out JsonElement r) && r.TryGetInt32(out int ms) ? ms : null);

    /// <summary>
    /// The exception user code sees: a <see cref="BusException"/> for the codes that are bus errors (the gateway's wire
    /// names are the <see cref="BusErrorCode"/> names in snake case), so code that catches them in process works over the
    /// network unchanged; a <see cref="BusGatewayException"/> for the gateway's own codes (auth, scopes, limits).
    /// </summary>
    public Exception ToException(string request)
    {
        string message = $"{request}: {Message}";
        return Enum.TryParse(PascalCase(Code), ignoreCase: false, out BusErrorCode bus) && Enum.IsDefined(bus)
            ? new BusException(bus, message)
            : new BusGatewayException(Code, message, Field, RetryAfterMs);
    }

    private static string PascalCase(string snake)
    {
        var b = new StringBuilder(snake.Length);
        bool upper = true;
        foreach (char ch in snake)
        {
            if (ch == '_')
            {
                upper = true;
                continue;
            }

            b.Append(upper ? char.ToUpperInvariant(ch) : ch);
            upper = false;
        }

        return b.ToString();
    }
}
