using System;

namespace Prom.Bus.Client;

/// <summary>Settings of a <see cref="BusClient"/> (bind with <c>services.AddPromBusClient(o => …)</c>).</summary>
public sealed class BusClientOptions
{
    /// <summary>The gateway's WebSocket endpoint, for example <c>ws://127.0.0.1:7070/bus</c> (<c>wss://</c> behind TLS).</summary>
    public Uri? Url { get; set; }

    /// <summary>The token sent in <c>AUTH</c>; its scopes decide what this client may publish and subscribe to.</summary>
    public string? Token { get; set; }

    /// <summary>
    /// Partitions of topics this client creates without a declared count ([Topic]s with <c>Partitions = 0</c>). Set it to
    /// the server's <c>Bus:DefaultPartitions</c>. Default 1.
    /// </summary>
    public int DefaultPartitions { get; set; } = 1;

    /// <summary>
    /// How long a request (publish, subscribe, ack, …) may wait for its reply, reconnects included, before it fails with a
    /// <see cref="TimeoutException"/>. Default 30 s.
    /// </summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First pause before a reconnect; doubles per failed attempt up to <see cref="ReconnectMaxDelay"/> (jittered). Default 100 ms.</summary>
    public TimeSpan ReconnectMinDelay { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Longest pause between reconnect attempts. Default 5 s.</summary>
    public TimeSpan ReconnectMaxDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>WebSocket keep-alive ping interval; a server that does not answer within twice this is dropped and reconnected. Default 15 s.</summary>
    public TimeSpan KeepAliveInterval { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>Clock for lease deadlines. Default <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Throws when a setting is missing or out of range; the message names it.</summary>
    /// <exception cref="ArgumentException">A setting is missing or out of range.</exception>
    public void Validate()
    {
        if (Url is null || !Url.IsAbsoluteUri || (Url.Scheme != "ws" && Url.Scheme != "wss"))
        {
            throw new ArgumentException($"BusClientOptions.Url must be an absolute ws:// or wss:// URL, not '{Url}'.", nameof(Url));
        }

        if (string.IsNullOrEmpty(Token))
        {
            throw new ArgumentException("BusClientOptions.Token is required: the gateway accepts no op but AUTH and PING before a successful AUTH.", nameof(Token));
        }

        if (DefaultPartitions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultPartitions), DefaultPartitions, "Must be at least 1.");
        }

        if (RequestTimeout <= TimeSpan.Zero || ReconnectMinDelay <= TimeSpan.Zero || ReconnectMaxDelay < ReconnectMinDelay || KeepAliveInterval <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "RequestTimeout, ReconnectMinDelay and KeepAliveInterval must be positive and ReconnectMaxDelay ≥ ReconnectMinDelay.");
        }
    }
}
