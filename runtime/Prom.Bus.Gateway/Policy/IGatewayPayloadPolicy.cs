using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway.Policy;

/// <summary>
/// The gateway's schema hook (docs/gateway.md "Payload policy"). Registered in DI (one singleton; the default
/// <see cref="PassThroughPayloadPolicy"/> accepts everything unchanged). The gateway calls it
/// <list type="bullet">
/// <item>on every <c>PUBLISH</c>, after the frame was read and authorized and before the record is stored: a
/// non-null <see cref="PayloadRejection"/> refuses it with <c>ERR payload_rejected</c> whose <c>field</c> is
/// <see cref="PayloadRejection.Field"/>;</item>
/// <item>for every <c>EVENT</c> to a subscription whose <c>SUBSCRIBE</c> carried <c>opts.version</c>: the returned
/// record is sent instead (for example upcast to that version with the header <c>x-upcasted-from</c>).</item>
/// </list>
/// Both run on the connection's hot path: keep them fast and never block. An exception from either is logged and
/// answered with <c>ERR internal</c> (publish) or a nack of the delivery (event), never a crash.
/// </summary>
public interface IGatewayPayloadPolicy
{
    /// <summary>Checks a publish; null accepts it.</summary>
    ValueTask<PayloadRejection?> CheckPublishAsync(PublishRequest request, GatewayPrincipal principal, CancellationToken ct);

    /// <summary>The record to send to a subscription that asked for <paramref name="version"/>.</summary>
    ValueTask<EventRecord> ShapeDeliveryAsync(EventRecord record, string group, int version, CancellationToken ct);
}
