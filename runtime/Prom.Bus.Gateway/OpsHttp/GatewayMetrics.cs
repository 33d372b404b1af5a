using System.Collections.Generic;
using System.Diagnostics.Metrics;

namespace Prom.Bus.Gateway.OpsHttp;

/// <summary>
/// Instruments of the gateway on the meter <c>Prom.Bus.Gateway</c>: <c>gateway_connections</c> (up-down),
/// <c>gateway_frames_total{op}</c> (client frames by op; anything unknown counts as <c>other</c>, so a hostile client
/// cannot grow the label set), <c>gateway_errors_total{code}</c> (ERR replies by code).
/// </summary>
public static class GatewayMetrics
{
    /// <summary>Name of the meter.</summary>
    public const string MeterName = "Prom.Bus.Gateway";

    // The meter reports the assembly's version (major.minor.patch of <VersionPrefix>), so dashboards can tell builds apart.
    private static readonly Meter s_meter = new(MeterName, typeof(GatewayMetrics).Assembly.GetName().Version?.ToString(3));

    internal static readonly UpDownCounter<long> Connections = s_meter.CreateUpDownCounter<long>("gateway_connections", description: "Open WebSocket connections.");
    internal static readonly Counter<long> Frames = s_meter.CreateCounter<long>("gateway_frames_total", description: "Client frames received, by op.");
    internal static readonly Counter<long> Errors = s_meter.CreateCounter<long>("gateway_errors_total", description: "ERR replies sent, by code.");

    internal static void Frame(string op) => Frames.Add(1, new KeyValuePair<string, object?>("op", IsProtocolOp(op) ? op : "other"));

    internal static void Error(string code) => Errors.Add(1, new KeyValuePair<string, object?>("code", code));

    private static bool IsProtocolOp(string op) => op is GatewayProtocol.Ops.Auth or GatewayProtocol.Ops.Publish or GatewayProtocol.Ops.Subscribe
        or GatewayProtocol.Ops.Unsubscribe or GatewayProtocol.Ops.Ack or GatewayProtocol.Ops.Nack or GatewayProtocol.Ops.ModAck
        or GatewayProtocol.Ops.Release        or GatewayProtocol.Ops.Pause or GatewayProtocol.Ops.Resume or GatewayProtocol.Ops.Flow or GatewayProtocol.Ops.Ping;
}
