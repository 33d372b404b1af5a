using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Prom.Bus;

namespace Prom.Topics;

/// <summary>DI registration of typed topic clients; the generated <c>AddPromTopics()</c> calls it once per topic.</summary>
public static class TopicServiceCollectionExtensions
{
    /// <summary>
    /// Registers a singleton <see cref="TopicClient{T}"/> over the registered <see cref="EventBus"/> (see
    /// <c>AddPromBus</c>) and the topic's <see cref="TopicDescriptor"/> (resolve <c>IEnumerable&lt;TopicDescriptor&gt;</c>
    /// for all of them), and its <see cref="TopicConfig"/>, which the bus's hosting creates at start.
    /// </summary>
    public static IServiceCollection AddPromTopic<T>(this IServiceCollection services, ITopicCodec<T> codec)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(codec);
        services.TryAddSingleton(sp => new TopicClient<T>(sp.GetRequiredService<EventBus>(), codec));
        services.AddSingleton(codec.Descriptor);
        // Hosted consumers (AddConsumer) of T read payloads with the generated codec, not System.Text.Json.
        services.TryAddSingleton<Prom.Bus.Hosting.IBusPayloadReader<T>>(sp => sp.GetRequiredService<TopicClient<T>>());
        // The bus creates declared topics at start, so a hosted consumer never creates one with the wrong partitions.
        services.AddSingleton(sp => codec.Descriptor.ToTopicConfig(sp.GetRequiredService<IOptions<BusOptions>>().Value.DefaultPartitions));
        return services;
    }
}
