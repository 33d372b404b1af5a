using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Prom.Bus.Gateway.Connections;
using Prom.Bus.Gateway.OpsHttp;
using Prom.Bus.Gateway.Policy;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway;

/// <summary>DI registration of the gateway.</summary>
public static class GatewayServiceCollectionExtensions
{
    /// <summary>
    /// Registers the gateway over the <see cref="EventBus"/> of the container (call <c>AddPromBus(…)</c> too, with any
    /// store): its <see cref="GatewayOptions"/>, the <see cref="StaticTokenAuthenticator"/> and the
    /// <see cref="PassThroughPayloadPolicy"/> unless an <see cref="IGatewayAuthenticator"/> or
    /// <see cref="IGatewayPayloadPolicy"/> is registered already, the connection registry, and OpenTelemetry metrics of the
    /// <c>Prom.Bus</c> and <c>Prom.Bus.Gateway</c> meters with the Prometheus exporter (served by <c>MapPromBusOps</c>). Map the endpoint with
    /// <c>app.MapPromBusGateway("/bus")</c>.
    /// </summary>
    public static IServiceCollection AddPromBusGateway(this IServiceCollection services, Action<GatewayOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<GatewayOptions> options = services.AddOptions<GatewayOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.TryAddSingleton<IGatewayAuthenticator, StaticTokenAuthenticator>();
        services.TryAddSingleton<IGatewayPayloadPolicy, PassThroughPayloadPolicy>();
        services.TryAddSingleton<GatewayConnections>();
        services.TryAddSingleton<GatewayServices>();
        services.TryAddSingleton<BusCounters>();
        services.AddOpenTelemetry().WithMetrics(m => m.AddMeter(BusMetrics.MeterName, GatewayMetrics.MeterName).AddPrometheusExporter());
        return services;
    }
}
