using System;

namespace Prom;

/// <summary>
/// Declares the type as the payload of one version of a bus topic. The topic generator emits, in a static class
/// <c>&lt;Type&gt;Topic</c> next to the type: a descriptor (name, version, compatibility, partitions, key selector),
/// the payload's JSON schema, a reflection-free serializer and deserializer (<c>Utf8JsonWriter</c> /
/// <c>Utf8JsonReader</c>, trimming and AOT safe), a validator that names the failing member, and a typed client over
/// the Prom event bus (<c>PublishAsync(payload, key, headers, ct)</c> and a typed subscription).
/// </summary>
/// <example>
/// <code>
/// [Topic("heartbeat.received", Version = 1, Key = nameof(Host))]
/// public sealed record Heartbeat(int Pid, string Name, string Host, double CpuPct, long MemMb);
/// </code>
/// </example>
/// <remarks>
/// JSON member names are the snake_case form of the C# names (<c>CpuPct</c> → <c>cpu_pct</c>). Serialized members are
/// the public instance properties with a getter; each must be settable, init-only or a constructor parameter.
/// Supported member types: <c>string bool sbyte byte short ushort int uint long ulong float double decimal Guid
/// DateTime DateTimeOffset</c>, enums (as their number) and <see cref="Nullable{T}"/> of these. Non-nullable members
/// are required.
/// </remarks>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Struct, AllowMultiple = false, Inherited = false)]
public sealed class TopicAttribute : Attribute
{
    /// <summary>Declares a topic payload.</summary>
    /// <param name="name">The topic name; it must match <c>^[a-z0-9]+(\.[a-z0-9]+)*(\.v\d+)?$</c>, e.g. <c>heartbeat.received</c>.</param>
    public TopicAttribute(string name) => Name = name;

    /// <summary>The topic name, e.g. <c>heartbeat.received</c>.</summary>
    public string Name { get; }

    /// <summary>The schema version of this payload type (1, 2, …); published records carry it in <c>x-schema-version</c>.</summary>
    public int Version { get; set; } = 1;

    /// <summary>How this version must relate to earlier versions of the topic. Default <see cref="Compatibility.Backward"/>.</summary>
    public Compatibility Compat { get; set; } = Compatibility.Backward;

    /// <summary>Partition count when the topic is created; 0 (the default) uses the bus's <c>DefaultPartitions</c>.</summary>
    public int Partitions { get; set; }

    /// <summary>Days records are kept; 0 (the default) keeps them forever.</summary>
    public int RetentionDays { get; set; }

    /// <summary>Whether maintenance compacts the topic to the latest record per key.</summary>
    public bool Compaction { get; set; }

    /// <summary>The member whose value is the partitioning key (use <c>nameof</c>); null publishes without a key unless one is passed.</summary>
    public string? Key { get; set; }
}
