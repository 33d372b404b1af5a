using System;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Threading;

namespace Prom.Bus;

/// <summary>
/// RFC 9562 UUIDv7 ids as lowercase strings: 48-bit Unix ms, version 7, a 12-bit sequence, variant 10, 62 random bits.
/// Within one process ids are strictly increasing (string order = creation order), because the 12-bit field is a
/// counter that restarts at a random value each millisecond and borrows the next millisecond when it overflows.
/// </summary>
public static class UuidV7
{
    private static readonly Lock s_lock = new();

    /// <summary>Last millisecond used (may run ahead of the clock after a sequence overflow).</summary>
    private static long s_lastMs;

    /// <summary>Sequence within <see cref="s_lastMs"/>.</summary>
    private static int s_seq;

    /// <summary>A new id for the current time.</summary>
    public static string NewId() => NewId(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());

    /// <summary>A new id for <paramref name="unixMs"/> (monotonic: never below the previous id).</summary>
    public static string NewId(long unixMs)
    {
        long ms;
        int seq;
        lock (s_lock)
        {
            if (unixMs > s_lastMs)
            {
                s_lastMs = unixMs;
                // Start low in the 12-bit space so that a burst in one millisecond rarely overflows.
                s_seq = RandomNumberGenerator.GetInt32(0, 0x400);
            }
            else if (++s_seq > 0xFFF)
            {
                s_lastMs++;
                s_seq = 0;
            }

            ms = s_lastMs;
            seq = s_seq;
        }

        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes[8..]);
        BinaryPrimitives.WriteInt64BigEndian(bytes, ms << 16);
        bytes[6] = (byte)(0x70 | (seq >> 8));
        bytes[7] = (byte)seq;
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true).ToString("D");
    }

    /// <summary>The Unix ms timestamp embedded in a UUIDv7 string.</summary>
    /// <exception cref="FormatException"><paramref name="id"/> is not a UUID.</exception>
    public static long GetTimestamp(string id)
    {
        Guid guid = Guid.ParseExact(id, "D");
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes, bigEndian: true, out _);
        return BinaryPrimitives.ReadInt64BigEndian(bytes) >>> 16;
    }
}
