using System;
using System.Text.Json;

namespace Prom.Bus.Hosting;

/// <summary>Settings of one hosted consumer.</summary>
public sealed class BusConsumerOptions
{
    /// <summary>Creates options for <paramref name="topic"/> and <paramref name="group"/>.</summary>
    public BusConsumerOptions(string topic, string group)
    {
        BusNames.ValidateTopic(topic);
        BusNames.ValidateGroup(group);
        Topic = topic;
        Group = group;
    }

    /// <summary>Topic.</summary>
    public string Topic { get; }

    /// <summary>Consumer group.</summary>
    public string Group { get; }

    /// <summary>Subscription settings; <see cref="SubscriptionOptions.MaxInFlight"/> is also the handler concurrency.</summary>
    public SubscriptionOptions Subscription { get; } = new();

    /// <summary>Skip records already processed by this group (key <c>topic::group::id</c>, TTL <see cref="BusOptions.IdempotencyTtl"/>).</summary>
    public bool Idempotent { get; set; }

    /// <summary>Serializer options for the payload.</summary>
    public JsonSerializerOptions? Json { get; set; }

    /// <summary>The idempotency key of a record in this consumer's group.</summary>
    public string IdempotencyKey(EventRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        return $"{Topic}::{Group}::{record.Id}";
    }
}
