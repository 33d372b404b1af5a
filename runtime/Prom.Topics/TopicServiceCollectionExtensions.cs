using System;
using System.Linq;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Prom.Bus;
using Prom.Topics.Registry;

namespace Prom.Topics;

/// <summary>DI registration of typed topic clients; the generated <c>AddPromTopics()</c> calls it once per topic.</summary>
public static class TopicServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="TopicClient{T}"/> over the registered <see cref="IBusClient"/> (the in-process
    /// bus of <c>AddPromBus</c>, or the network client of <c>AddPromBusClient</c>), the topic's <see cref="TopicDescriptor"/> (resolve <c>IEnumerable&lt;TopicDescriptor&gt;</c>
    /// for all of them), its <see cref="TopicConfig"/> (which the bus's hosting creates at start), and one
    /// <see cref="TopicSchemaRegistry"/> holding every registered descriptor: it is filled when the host starts (a
    /// duplicate version, non-increasing versions or an incompatible schema fail the start with
    /// <see cref="TopicSchemaException"/>), and clients refuse to publish versions it does not hold.
    /// Calling it twice for one codec registers it once.
    /// </summary>
    public static IServiceCollection AddPromTopic<T>(this IServiceCollection services, ITopicCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(codec);
        if (services.Any(d => d.ServiceType == typeof(TopicDescriptor) && ReferenceEquals(d.ImplementationInstance, codec.Descriptor)))
        {
            return services; // AddPromTopics() called twice: registering the descriptor again would be a duplicate version
        }
        services.TryAddSingleton(sp => new TopicClient<T>(BusOf(sp), codec, sp.GetRequiredService<TopicSchemaRegistry>()));
        services.AddSingleton(codec.Descriptor);
        // The codec without its type, for code that sees only topic names and JSON (the gateway's schema policy).
        services.AddSingleton<ITopicPayloadCodec>(new TopicPayloadCodec<T>(codec));
        services.TryAddSingleton(sp =>
        {
            var registry = new TopicSchemaRegistry();
            registry.RegisterAll(sp.GetServices<TopicDescriptor>());
            return registry;
        });
        // Resolving the registry in a hosted service's constructor checks every version when the host builds its
        // hosted services, before any of them (consumers included) starts.
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, TopicSchemaRegistration>());
        // Hosted consumers (AddConsumer) of T read payloads with the generated codec, not System.Text.Json, and get
        // records of older versions upcast.
        services.TryAddSingleton<Prom.Bus.Hosting.IBusPayloadReader<T>>(sp => sp.GetRequiredService<TopicClient<T>>());
        // The bus creates declared topics at start, so a hosted consumer never creates one with the wrong partitions.
        services.AddSingleton(sp => codec.Descriptor.ToTopicConfig(BusOf(sp).DefaultPartitions));
        return services;
    }

    /// <summary>
    /// The registered <see cref="IBusClient"/>; an <see cref="EventBus"/> registered on its own (without <c>AddPromBus</c>)
    /// serves too, as it did before the interface existed.
    /// </summary>
    private static IBusClient BusOf(IServiceProvider sp) =>
        sp.GetService<IBusClient>() ?? sp.GetService<EventBus>() ?? throw new InvalidOperationException(
            "No bus is registered for [Topic] clients: call services.AddPromBus() (in process) or services.AddPromBusClient(...) (over the network).");
}
