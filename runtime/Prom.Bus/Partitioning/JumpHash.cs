using System;

namespace Prom.Bus;

/// <summary>
/// The partition hash of the seed, made exact so every language computes the same partition for a key.
/// <para>Step 1 — 32-bit string mix over the UTF-16 code units <c>c[0..n)</c> of the key (n = code-unit count), all
/// arithmetic modulo 2^32 (JavaScript <c>Math.imul</c> semantics):</para>
/// <code>
/// h1 = 0xdeadbeef ^ n;  h2 = 0x41c6ce57 ^ n
/// for each c: h1 = (h1 ^ c) * 2654435761;  h2 = (h2 ^ c) * 1597334677
/// x  = (h1 ^ (h2 &lt;&lt; 1)) as unsigned 32-bit, widened to an unsigned 64-bit state
/// </code>
/// <para>Step 2 — Lamping–Veach jump consistent hash over that 64-bit state:</para>
/// <code>
/// b = -1; j = 0
/// while j &lt; buckets:
///     b = j
///     x = x * 2862933555777941757 + 1          (mod 2^64)
///     j = floor((b + 1) / (double((x >> 33) + 1) / 2^31))   (IEEE-754 double division, in this order)
/// return b
/// </code>
/// </summary>
public static class JumpHash
{
    /// <summary>Step 1: the 32-bit mix of the key's UTF-16 code units.</summary>
    public static uint Mix(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        unchecked
        {
            uint n = (uint)key.Length;
            uint h1 = 0xdeadbeefu ^ n;
            uint h2 = 0x41c6ce57u ^ n;
            foreach (char c in key)
            {
                h1 = (h1 ^ c) * 2654435761u;
                h2 = (h2 ^ c) * 1597334677u;
            }

            return h1 ^ (h2 << 1);
        }
    }

    /// <summary>Step 2: the bucket in <c>[0, buckets)</c> for a 64-bit state.</summary>
    public static int Jump(ulong state, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        long b = -1;
        double j = 0;
        ulong x = state;
        while (j < buckets)
        {
            b = (long)j;
            x = unchecked((x * 2862933555777941757UL) + 1UL);
            double inv = ((x >> 33) + 1UL) / 2147483648.0;
            j = Math.Floor((b + 1) / inv);
        }

        return (int)b;
    }

    /// <summary>The partition of <paramref name="key"/> among <paramref name="partitions"/> partitions.</summary>
    public static int Partition(string key, int partitions) => Jump(Mix(key), partitions);
}
