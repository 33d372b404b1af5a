using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.Hosting;

namespace Prom.Topics.Registry;

/// <summary>
/// Makes the host build the <see cref="TopicSchemaRegistry"/> (registering every declared version) when it creates
/// its hosted services, so an incompatible or duplicate version fails the start instead of the first publish.
/// </summary>
internal sealed class TopicSchemaRegistration : IHostedService
{
    public TopicSchemaRegistration(TopicSchemaRegistry registry) => Registry = registry;

    /// <summary>The registry, filled by its DI factory before this constructor runs.</summary>
    public TopicSchemaRegistry Registry { get; }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
