using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Prom.Bus.Hosting;

/// <summary>
/// Creates every <see cref="TopicConfig"/> registered in DI (for example by <c>AddPromTopics()</c>) before any hosted
/// consumer subscribes. Without it, a consumer that starts first would create its topic implicitly with
/// <see cref="IBusClient.DefaultPartitions"/>, and a later publish with the declared partition count would be refused.
/// Registered by <c>AddPromBus</c> (and the network client's <c>AddPromBusClient</c>) ahead of the consumers, and hosted services start in registration order.
/// </summary>
internal sealed class BusTopicInitializer(IBusClient bus, IEnumerable<TopicConfig> topics) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        foreach (TopicConfig topic in topics)
        {
            await bus.CreateTopicAsync(topic, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
