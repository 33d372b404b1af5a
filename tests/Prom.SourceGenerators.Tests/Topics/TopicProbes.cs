namespace Prom.SourceGenerators.Tests.Topics;

/// <summary>Code compiled next to the payloads that exercises the generated classes as a user would.</summary>
internal static class TopicProbes
{
    public const string Source = """"
        using System;
        using System.Collections.Generic;
        using System.Linq;
        using System.Text;
        using System.Text.Json;
        using System.Threading;
        using System.Threading.Tasks;
        using Microsoft.Extensions.DependencyInjection;
        using Prom.Bus;
        using Prom.Bus.InMemory;
        using Prom.Topics;
        namespace Ops;

        public static class Probe
        {
            // Enums as names, the wire form of the generated codec (System.Text.Json's JsonStringEnumConverter writes the member name).
            private static readonly JsonSerializerOptions s_stj = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

            public static HeartbeatV1 Heartbeat() => new(42, "worker \"7\" ü", "host-a", 12.5, 2048);

            public static Snapshot SampleSnapshot() => new()
            {
                Id = Guid.Parse("0190f5c2-7b1e-7c3a-9f00-1234567890ab"),
                Note = null,
                State = Health.Degraded,
                At = new DateTimeOffset(2024, 1, 2, 3, 4, 5, TimeSpan.FromHours(1)),
                ExitCode = -3,
                Alive = true,
                Cost = 1.25m,
                Load = 0.1f,
                Delta = -7,
                Port = 8080,
                Ticks = ulong.MaxValue,
                Previous = Health.Ok,
                Retries = 9,
            };

            // [ours, System.Text.Json] for each payload.
            public static string[] SerializeBoth() => new[]
            {
                Encoding.UTF8.GetString(HeartbeatV1Topic.Serialize(Heartbeat())),
                JsonSerializer.Serialize(Heartbeat(), s_stj),
                Encoding.UTF8.GetString(SnapshotTopic.Serialize(SampleSnapshot())),
                JsonSerializer.Serialize(SampleSnapshot(), s_stj),
            };

            // Each payload read back by our deserializer from System.Text.Json's bytes, then written again by System.Text.Json.
            public static string[] ReadStjOutput() => new[]
            {
                JsonSerializer.Serialize(HeartbeatV1Topic.Deserialize(JsonSerializer.SerializeToUtf8Bytes(Heartbeat(), s_stj)), s_stj),
                JsonSerializer.Serialize(SnapshotTopic.Deserialize(JsonSerializer.SerializeToUtf8Bytes(SampleSnapshot(), s_stj)), s_stj),
                (HeartbeatV1Topic.Deserialize(HeartbeatV1Topic.Serialize(Heartbeat())) == Heartbeat()).ToString(),
            };

            public static string Deserialize(string json)
            {
                try
                {
                    return JsonSerializer.Serialize(HeartbeatV1Topic.Deserialize(Encoding.UTF8.GetBytes(json)), s_stj);
                }
                catch (TopicPayloadException e)
                {
                    return $"{e.Member}|{e.JsonName}|{e.Message}";
                }
            }

            public static string DeserializeSnapshot(string json)
            {
                try
                {
                    return JsonSerializer.Serialize(SnapshotTopic.Deserialize(Encoding.UTF8.GetBytes(json)), s_stj);
                }
                catch (TopicPayloadException e)
                {
                    return $"{e.Member}|{e.JsonName}|{e.Message}";
                }
            }

            public static string DeserializeExited(string json) => ExitedTopic.Deserialize(Encoding.UTF8.GetBytes(json)).ToString();

            public static async Task<string> PublishInvalid(string which)
            {
                await using var bus = new EventBus(new InMemoryBusStore());
                TopicClient<HeartbeatV1> client = HeartbeatV1Topic.CreateClient(bus);
                HeartbeatV1 payload = which == "null-name" ? Heartbeat() with { Name = null! } : Heartbeat() with { CpuPct = double.NaN };
                try
                {
                    await client.PublishAsync(payload);
                    return "published";
                }
                catch (TopicPayloadException e)
                {
                    TopicConfig? topic = await bus.Store.GetTopicAsync(HeartbeatV1Topic.Name);
                    return $"{e.Member}|{e.Message}|stored topic: {topic is not null}";
                }
            }

            public static async Task<string> PublishThenReceive()
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await using var bus = new EventBus(new InMemoryBusStore());
                TopicClient<HeartbeatV1> client = HeartbeatV1Topic.CreateClient(bus);
                EventRecord published = await client.PublishAsync(Heartbeat(), headers: new Dictionary<string, string> { ["x-trace-id"] = "t-1" }, ct: timeout.Token);
                await using TopicSubscription<HeartbeatV1> subscription = await client.SubscribeAsync("monitor", ct: timeout.Token);
                TopicDelivery<HeartbeatV1> delivery = await subscription.ReceiveAsync(timeout.Token);
                await delivery.AckAsync(timeout.Token);
                TopicConfig topic = (await bus.Store.GetTopicAsync(HeartbeatV1Topic.Name, timeout.Token))!;
                return string.Join("|",
                    delivery.Payload == Heartbeat(),
                    delivery.SchemaVersion,
                    delivery.Key,
                    delivery.Headers["x-schema-version"],
                    delivery.Headers["x-trace-id"],
                    delivery.Headers["content-type"],
                    delivery.Record.Id == published.Id,
                    topic.Partitions,
                    topic.Retention?.TotalDays,
                    delivery.Attempt);
            }

            public static async Task<string> UnreadableRecordsGoToTheDlq()
            {
                using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
                await using var bus = new EventBus(new InMemoryBusStore());
                TopicClient<HeartbeatV1> client = HeartbeatV1Topic.CreateClient(bus);
                await client.EnsureTopicAsync(timeout.Token);
                await bus.PublishAsync(PublishRequest.FromJson(HeartbeatV1Topic.Name, """{"pid":"seven"}"""), timeout.Token);
                await bus.PublishAsync(PublishRequest.FromJson(HeartbeatV1Topic.Name, "{}") with { Headers = new Dictionary<string, string> { ["x-schema-version"] = "3" } }, timeout.Token);
                await client.PublishAsync(Heartbeat() with { Host = "host-a" }, ct: timeout.Token);
                await using TopicSubscription<HeartbeatV1> subscription = await client.SubscribeAsync("monitor",
                    new SubscriptionOptions { MaxAttempts = 1, Ordered = false }, timeout.Token);
                TopicDelivery<HeartbeatV1> delivery = await subscription.ReceiveAsync(timeout.Token);
                await delivery.AckAsync(timeout.Token);
                var dead = new List<string>();
                await foreach (EventRecord record in bus.ReplayAsync(BusNames.DlqTopic(HeartbeatV1Topic.Name), StartPosition.Earliest, timeout.Token))
                {
                    dead.Add(record.PayloadJson().GetProperty("error").GetString()!);
                }
                return $"{delivery.Payload.Pid}|{subscription.RejectedCount}|" + string.Join(" / ", dead.OrderBy(d => d, StringComparer.Ordinal));
            }

            public static async Task<string> RegisteredClients()
            {
                var services = new Services();
                await using var bus = new EventBus(new InMemoryBusStore());
                services.AddSingleton(bus);
                Prom.Generated.PromTopics.AddPromTopics(services);
                IServiceProvider provider = new Provider(services);
                TopicClient<HeartbeatV1> heartbeat = provider.GetRequiredService<TopicClient<HeartbeatV1>>();
                TopicClient<Snapshot> snapshot = provider.GetRequiredService<TopicClient<Snapshot>>();
                EventRecord record = await snapshot.PublishAsync(SampleSnapshot());
                return string.Join("|",
                    heartbeat.Descriptor.Name,
                    snapshot.Descriptor.Name,
                    record.Key,
                    string.Join(",", Prom.Generated.PromTopics.Descriptors.Select(d => $"{d.Name}@{d.Version}:{d.Compatibility}:{d.Compaction}:{d.KeyMember}")),
                    services.Count(d => d.ServiceType == typeof(TopicDescriptor)));
            }

            // A service collection and provider small enough to write here (the container package is not referenced).
            private sealed class Services : List<ServiceDescriptor>, IServiceCollection { }

            private sealed class Provider(IServiceCollection services) : IServiceProvider
            {
                private readonly Dictionary<ServiceDescriptor, object?> _singletons = new();

                public object? GetService(Type type)
                {
                    if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IEnumerable<>))
                    {
                        Type item = type.GetGenericArguments()[0];
                        object?[] all = services.Where(s => s.ServiceType == item).Select(Resolve).ToArray();
                        Array typed = Array.CreateInstance(item, all.Length);
                        Array.Copy(all, typed, all.Length);
                        return typed;
                    }
                    ServiceDescriptor? d = services.LastOrDefault(s => s.ServiceType == type);
                    return d is null ? null : Resolve(d);
                }

                private object? Resolve(ServiceDescriptor d)
                {
                    if (d.ImplementationInstance is { } instance) return instance;
                    if (!_singletons.TryGetValue(d, out object? made)) _singletons[d] = made = d.ImplementationFactory?.Invoke(this);
                    return made;
                }
            }
        }
        """";
}
