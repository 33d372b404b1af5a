using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;

namespace Prom.Bridge.Tests.Fuzz;

/// <summary>
/// Seeded mutations of a sequence of shared-ring records (each: a little-endian u32 length word and that many bytes of
/// frames): corrupt (1–3 bytes or bits of one record, length word included), truncate (one record cut short, its
/// length word saying so), length (a wrong length word over the same bytes), duplicate, reorder, drop, and two in a
/// row. The Python half has the same operators in <c>protocol_fuzz.py</c> (mode <c>serve-ring</c>).
/// </summary>
internal static class RingMutator
{
    public static readonly string[] Kinds = { "corrupt", "truncate", "length", "duplicate", "reorder", "drop", "twice" };

    /// <summary>One record per message: its bytes behind their length word.</summary>
    public static byte[] Record(ReadOnlySpan<byte> message)
    {
        byte[] record = new byte[4 + message.Length];
        BinaryPrimitives.WriteInt32LittleEndian(record, message.Length);
        message.CopyTo(record.AsSpan(4));
        return record;
    }

    public static List<byte[]> Mutate(IReadOnlyList<byte[]> valid, Random random, out string kind)
    {
        int pick = random.Next(8);
        kind = pick switch { 0 or 1 => "corrupt", 2 => "truncate", 3 => "length", 4 => "duplicate", 5 => "reorder", 6 => "drop", _ => "twice" };
        var records = valid.ToList();
        if (records.Count == 0)
        {
            return records;
        }

        int i = random.Next(records.Count);
        switch (kind)
        {
            case "twice":
                return Mutate(Mutate(valid, random, out _), random, out _);
            case "corrupt":
            {
                byte[] record = (byte[])records[i].Clone();
                int changes = random.Next(4) switch { 0 or 1 => 1, 2 => 2, _ => 3 };
                for (int c = 0; c < changes; c++)
                {
                    int at = random.Next(record.Length);
                    record[at] = random.Next(2) == 0 ? (byte)(record[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
                }

                records[i] = record;
                break;
            }

            case "truncate":
            {
                byte[] record = records[i];
                int keep = random.Next(record.Length - 4);
                records[i] = Record(record.AsSpan(4, keep));
                break;
            }

            case "length":
            {
                byte[] record = (byte[])records[i].Clone();
                int length = BinaryPrimitives.ReadInt32LittleEndian(record);
                int wrong = random.Next(3) switch { 0 => length + 1 + random.Next(64), 1 => Math.Max(0, length - 1 - random.Next(length)), _ => random.Next() };
                BinaryPrimitives.WriteInt32LittleEndian(record, wrong == length ? length + 1 : wrong);
                records[i] = record;
                break;
            }

            case "duplicate":
                records.Insert(random.Next(i, records.Count) + 1, records[i]);
                break;
            case "reorder":
                if (records.Count > 1)
                {
                    int j = (i + 1 + random.Next(records.Count - 1)) % records.Count;
                    (records[i], records[j]) = (records[j], records[i]);
                }

                break;
            default:
                records.RemoveAt(i);
                break;
        }

        return records;
    }
}
