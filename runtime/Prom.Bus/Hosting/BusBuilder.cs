using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Prom.Bus.Hosting;

/// <summary>
/// Returned by <c>AddPromBus</c> (and the network client's <c>AddPromBusClient</c>): choose the store and add consumers.
/// Consumers run over the registered <see cref="IBusClient"/>, in process or across the network.
/// </summary>
public sealed class BusBuilder
{
    internal BusBuilder(IServiceCollection services)
    {
        Services = services;
    }

    /// <summary>
    /// The hosting every <see cref="IBusClient"/> registration shares: declared <see cref="TopicConfig"/>s are created at
    /// start, ahead of the consumers registered after this call (hosted services start in registration order).
    /// </summary>
    internal static BusBuilder ForClient(IServiceCollection services)
    {
        services.AddHostedService<BusTopicInitializer>();
        return new BusBuilder(services);
    }

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Runs <typeparamref name="THandler"/> as a hosted consumer of <paramref name="topic"/> in <paramref name="group"/>.</summary>
    public BusBuilder AddConsumer<THandler, T>(string topic, string group, Action<BusConsumerOptions>? configure = null)
        where THandler : class, IBusHandler<T>
    {
        var options = new BusConsumerOptions(topic, group);
        configure?.Invoke(options);
        options.Subscription.Validate();
        Services.TryAddScoped<THandler>();
        Services.AddSingleton<IHostedService>(sp => new BusConsumerService<THandler, T>(
            sp, sp.GetRequiredService<IBusClient>(), options, sp.GetRequiredService<ILogger<BusConsumerService<THandler, T>>>()));
        return this;
    }
}
