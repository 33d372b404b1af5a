using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Prom.Bus.Hosting;
using Prom.Bus.InMemory;
using Prom.Bus.Stores;

namespace Prom.Bus;

/// <summary>DI registration of the bus.</summary>
public static class BusServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="EventBus"/> (singleton, also as <see cref="IBusClient"/> for generated [Topic] clients and
    /// hosted consumers), its <see cref="BusOptions"/>, the maintenance hosted service and
    /// an <see cref="InMemoryBusStore"/> unless a store is chosen (for example <c>.UseSqlite(path)</c>). Every
    /// <see cref="TopicConfig"/> registered in the container is created at start, before hosted consumers subscribe.
    /// </summary>
    public static BusBuilder AddPromBus(this IServiceCollection services, Action<BusOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<BusOptions> options = services.AddOptions<BusOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.Validate(o =>
        {
            o.Validate();
            return true;
        });
        services.TryAddSingleton<IBusStore, InMemoryBusStore>();
        services.TryAddSingleton(sp => new EventBus(
            sp.GetRequiredService<IBusStore>(), sp.GetRequiredService<IOptions<BusOptions>>().Value, sp.GetRequiredService<ILogger<EventBus>>()));
        services.TryAddSingleton<IBusClient>(sp => sp.GetRequiredService<EventBus>());
        BusBuilder builder = BusBuilder.ForClient(services); // topics are created before any consumer registered after this call
        services.AddHostedService<BusMaintenanceService>();
        return builder;
    }
}
