using System;

namespace Prom;

/// <summary>
/// Marks a static method that converts one version of a <see cref="TopicAttribute">[Topic]</see> payload into the next
/// (N → N+1). The topic generator chains upcasters so that a typed consumer of the latest version also receives
/// records written with older versions: each record is read with the generated codec of the version in its
/// <c>x-schema-version</c> header, then upcast step by step.
/// </summary>
/// <example>
/// <code>
/// [Upcaster]
/// public static HeartbeatV2 Up(HeartbeatV1 v1) => new(v1.Pid, v1.Name, v1.Host, v1.CpuPct, MemMib: v1.MemMb * 1000 / 1024);
/// </code>
/// </example>
/// <remarks>
/// The method must be static, non-generic, public or internal (and so must its containing types), take exactly one
/// parameter by value whose type is version N of a topic, and return version N+1 of the same topic (PROM0309). A hop
/// whose newer version is not backward compatible needs an upcaster (PROM0308); a backward-compatible hop without one
/// reads the older JSON with the newer codec directly.
/// </remarks>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class UpcasterAttribute : Attribute
{
}
