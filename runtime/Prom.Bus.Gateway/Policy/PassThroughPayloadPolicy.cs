using System.Threading;
using System.Threading.Tasks;
using Prom.Bus.Gateway.Security;

namespace Prom.Bus.Gateway.Policy;

/// <summary>The default policy: accepts every publish and delivers every record unchanged.</summary>
public sealed class PassThroughPayloadPolicy : IGatewayPayloadPolicy
{
    /// <inheritdoc />
    public ValueTask<PayloadRejection?> CheckPublishAsync(PublishRequest request, GatewayPrincipal principal, CancellationToken ct) =>
        ValueTask.FromResult<PayloadRejection?>(null);

    /// <inheritdoc />
    public ValueTask<EventRecord> ShapeDeliveryAsync(EventRecord record, string group, int version, CancellationToken ct) =>
        ValueTask.FromResult(record);
}
