using System;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Prom.Bus.Gateway.Policy;
using Prom.Topics.Registry;

namespace Prom.Topics.Gateway;

/// <summary>DI registration of the [Topic] schema policy.</summary>
public static class TopicGatewayServiceCollectionExtensions
{
    /// <summary>
    /// Makes the gateway validate and upcast [Topic] payloads with <see cref="TopicSchemaPayloadPolicy"/>, over every
    /// <see cref="ITopicPayloadCodec"/> the generated <c>AddPromTopics()</c> registered. Call it with (before or after)
    /// <c>AddPromBusGateway()</c>; it replaces the pass-through default.
    /// </summary>
    public static IServiceCollection AddPromTopicsGatewayPolicy(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IGatewayPayloadPolicy>();
        services.AddSingleton<IGatewayPayloadPolicy>(sp => new TopicSchemaPayloadPolicy(
            sp.GetServices<ITopicPayloadCodec>(), sp.GetRequiredService<TopicSchemaRegistry>()));
        return services;
    }
}
