using System.Text.Json.Serialization;

namespace Prom.Benchmarks.Topics;

/// <summary>
/// The System.Text.Json source-generated context the generated topic codecs are measured against; enums as their names,
/// the codecs' wire form.
/// </summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, UseStringEnumConverter = true)]
[JsonSerializable(typeof(BenchHeartbeat))]
[JsonSerializable(typeof(BenchSnapshot))]
internal sealed partial class TopicBenchJsonContext : JsonSerializerContext
{
}
