using System;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prom.Bus.Gateway.Policy;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway.Connections;

/// <summary>What every connection of the gateway shares: the bus, the options, the pluggable parts and the registry.</summary>
internal sealed class GatewayServices
{
    public GatewayServices(EventBus bus, IOptions<GatewayOptions> options, IGatewayAuthenticator authenticator,
        IGatewayPayloadPolicy policy, GatewayConnections connections, ILoggerFactory loggers, TimeProvider? time = null)
    {
        Bus = bus;
        Options = options.Value;
        Options.Validate();
        Authenticator = authenticator;
        Policy = policy;
        Connections = connections;
        Logger = loggers.CreateLogger("Prom.Bus.Gateway");
        Time = time ?? bus.Options.TimeProvider;
    }

    public EventBus Bus { get; }

    public GatewayOptions Options { get; }

    public IGatewayAuthenticator Authenticator { get; }

    public IGatewayPayloadPolicy Policy { get; }

    public GatewayConnections Connections { get; }

    public ILogger Logger { get; }

    public TimeProvider Time { get; }

    public long NowMs => Time.GetUtcNow().ToUnixTimeMilliseconds();
}
