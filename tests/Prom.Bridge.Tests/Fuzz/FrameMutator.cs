using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Linq;
using Prom.Bridge.Protocol;

namespace Prom.Bridge.Tests.Fuzz;

/// <summary>
/// Seeded mutations of a valid frame stream, at frame granularity: corrupt (1–3 bytes or bits of one frame, header or
/// payload), truncate (cut anywhere), duplicate (a frame again, later), reorder (swap two frames), drop (one frame), and
/// two of those in a row. The Python half has the same operators in <c>protocol_fuzz.py</c>.
/// </summary>
internal static class FrameMutator
{
    public static readonly string[] Kinds = { "corrupt", "truncate", "duplicate", "reorder", "drop", "twice" };

    /// <summary>The frames of a stream; a remainder that is not a whole frame is one more piece.</summary>
    public static List<byte[]> Split(byte[] stream)
    {
        var frames = new List<byte[]>();
        int position = 0;
        while (position + FrameHeader.Size <= stream.Length)
        {
            long length = BinaryPrimitives.ReadUInt32BigEndian(stream.AsSpan(position));
            int end = (int)Math.Min(stream.Length, position + FrameHeader.Size + length);
            frames.Add(stream[position..end]);
            position = end;
        }

        if (position < stream.Length)
        {
            frames.Add(stream[position..]);
        }

        return frames;
    }

    public static byte[] Mutate(IReadOnlyList<byte[]> valid, Random random, out string kind)
    {
        int pick = random.Next(7);
        kind = pick switch { 0 or 1 => "corrupt", 2 => "truncate", 3 => "duplicate", 4 => "reorder", 5 => "drop", _ => "twice" };
        var frames = valid.ToList();
        switch (kind)
        {
            case "twice":
                byte[] once = Mutate(valid, random, out _);
                return Mutate(Split(once) is { Count: > 0 } pieces ? pieces : new List<byte[]> { once }, random, out _);
            case "corrupt":
            {
                int i = random.Next(frames.Count);
                byte[] frame = (byte[])frames[i].Clone();
                int changes = random.Next(4) switch { 0 or 1 => 1, 2 => 2, _ => 3 };
                for (int c = 0; c < changes && frame.Length > 0; c++)
                {
                    int at = random.Next(frame.Length);
                    frame[at] = random.Next(2) == 0 ? (byte)(frame[at] ^ (1 << random.Next(8))) : (byte)random.Next(256);
                }

                frames[i] = frame;
                break;
            }

            case "truncate":
            {
                byte[] all = frames.SelectMany(f => f).ToArray();
                return all[..random.Next(Math.Max(all.Length, 1))];
            }

            case "duplicate":
            {
                int i = random.Next(frames.Count);
                frames.Insert(random.Next(i, frames.Count) + 1, frames[i]);
                break;
            }

            case "reorder":
                if (frames.Count > 1)
                {
                    int i = random.Next(frames.Count);
                    int j = (i + 1 + random.Next(frames.Count - 1)) % frames.Count;
                    (frames[i], frames[j]) = (frames[j], frames[i]);
                }

                break;
            default:
                frames.RemoveAt(random.Next(frames.Count));
                break;
        }

        return frames.SelectMany(f => f).ToArray();
    }
}
