using System.Text.Json.Serialization;

namespace Prom.Benchmarks.Topics;

/// <summary>The System.Text.Json source-generated context the generated topic codecs are measured against.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(BenchHeartbeat))]
[JsonSerializable(typeof(BenchSnapshot))]
internal sealed partial class TopicBenchJsonContext : JsonSerializerContext
{
}
