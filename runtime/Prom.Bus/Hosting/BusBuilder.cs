using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Prom.Bus.Hosting;

/// <summary>Returned by <c>AddPromBus</c>: choose the store and add consumers.</summary>
public sealed class BusBuilder
{
    internal BusBuilder(IServiceCollection services)
    {
        Services = services;
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
            sp, sp.GetRequiredService<EventBus>(), options, sp.GetRequiredService<ILogger<BusConsumerService<THandler, T>>>()));
        return this;
    }
}
