using System;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Prom.Bus.Gateway.OpsHttp;

namespace Prom.Bus.Gateway;

/// <summary>Maps the ops HTTP endpoints (docs/gateway.md "Ops HTTP").</summary>
public static class OpsEndpointRouteBuilderExtensions
{
    /// <summary>
    /// Maps <c>/healthz</c>, <c>/readyz</c> (open) and, behind an admin-scope bearer token, <c>/metrics</c> (Prometheus),
    /// <c>/topics</c>, <c>/topics/{topic}/offsets</c>, <c>/topics/{topic}/dlq/replay</c>, <c>/topics/{topic}/export</c>,
    /// <c>/stats</c> and <c>/connections</c>, all under <paramref name="prefix"/> (default: the root).
    /// </summary>
    public static RouteGroupBuilder MapPromBusOps(this IEndpointRouteBuilder endpoints, string prefix = "")
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        _ = endpoints.ServiceProvider.GetRequiredService<BusCounters>(); // start counting now, not at the first /stats
        RouteGroupBuilder root = endpoints.MapGroup(prefix);
        root.MapGet("/healthz", () => Results.Text("ok"));
        root.MapGet("/readyz", StatsOps.ReadyAsync);

        RouteGroupBuilder admin = root.MapGroup("").AddEndpointFilter<OpsAdminFilter>();
        admin.MapGet("/topics", TopicOps.ListAsync);
        admin.MapPost("/topics", TopicOps.CreateAsync);
        admin.MapGet("/topics/{topic}/offsets", TopicOps.OffsetsAsync);
        admin.MapPost("/topics/{topic}/dlq/replay", TopicOps.ReplayDlqAsync);
        admin.MapGet("/topics/{topic}/export", TopicOps.ExportAsync);
        admin.MapGet("/stats", StatsOps.StatsAsync);
        admin.MapGet("/connections", StatsOps.Connections);

        OpsAdminFilter guard = ActivatorUtilities.CreateInstance<OpsAdminFilter>(endpoints.ServiceProvider);
        endpoints.MapPrometheusScrapingEndpoint(prefix.TrimEnd('/') + "/metrics", meterProvider: null, configureBranchedPipeline: branch =>
            branch.Use(async (http, next) =>
            {
                if (await guard.CheckAsync(http).ConfigureAwait(false) is { } refused)
                {
                    await refused.ExecuteAsync(http).ConfigureAwait(false);
                    return;
                }

                await next(http).ConfigureAwait(false);
            }), optionsName: null);
        return root;
    }
}
