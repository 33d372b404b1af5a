using System;

namespace Prom;

/// <summary>
/// Chooses the wire form of a <c>long</c> or <c>ulong</c> member of a <see cref="TopicAttribute">[Topic]</see> payload
/// (or of the elements of an array or list of them): a JSON number within ±(2^53 − 1), the integers JavaScript —
/// and with it the generated TypeScript client — reads exactly. The generated codec refuses values outside that range
/// when it validates and writes a payload and when it reads one (so the gateway rejects them, naming the member), and
/// the JSON schema carries the range as <c>minimum</c>/<c>maximum</c>. Without it a 64-bit integer member gets PROM0311.
/// </summary>
/// <example>
/// <code>
/// [Topic("fleet.host.report")]
/// public sealed record HostReport(string Host, [SafeInteger] long MemMib);
/// </code>
/// </example>
[AttributeUsage(AttributeTargets.Property | AttributeTargets.Parameter, AllowMultiple = false, Inherited = true)]
public sealed class SafeIntegerAttribute : Attribute
{
    /// <summary>The largest integer of the range: 2^53 − 1 (<c>Number.MAX_SAFE_INTEGER</c>).</summary>
    public const long MaxValue = 9_007_199_254_740_991;

    /// <summary>The smallest integer of the range: −(2^53 − 1) (<c>Number.MIN_SAFE_INTEGER</c>).</summary>
    public const long MinValue = -MaxValue;
}
