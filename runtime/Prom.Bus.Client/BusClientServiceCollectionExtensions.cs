using System;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prom.Bus.Client;
using Prom.Bus.Hosting;

namespace Prom.Bus;

/// <summary>DI registration of the network client.</summary>
public static class BusClientServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="BusClient"/> (singleton) as the <see cref="IBusClient"/> that generated [Topic] clients
    /// (<c>AddPromTopics()</c>) and hosted consumers use, connects it when the host starts (a refused token fails the
    /// start), and creates declared topics before consumers subscribe. Add consumers on the result exactly as after
    /// <c>AddPromBus()</c>.
    /// </summary>
    public static BusBuilder AddPromBusClient(this IServiceCollection services, Action<BusClientOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        services.AddOptions<BusClientOptions>().Configure(configure).Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.AddOptions<BusOptions>();
        services.TryAddSingleton(sp => new BusClient(sp.GetRequiredService<IOptions<BusClientOptions>>().Value, sp.GetService<ILogger<BusClient>>()));
        services.TryAddSingleton<IBusClient>(sp => sp.GetRequiredService<BusClient>());
        services.AddHostedService<BusClientConnector>(); // first: topics and consumers need the connection
        return BusBuilder.ForClient(services);
    }
}

/// <summary>Connects the registered <see cref="BusClient"/> when the host starts, so a wrong URL or token fails the start.</summary>
internal sealed class BusClientConnector(BusClient client) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => client.ConnectAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
