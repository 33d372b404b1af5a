using System.Collections.Generic;

namespace Prom.Bridge.Protocol;

/// <summary>
/// The bytes of one or more framed messages, in order, and how far they have been written. Built under the writer's
/// lock (sequence numbers are assigned then), written by <see cref="FrameWriter"/> — all at once when the pipe takes
/// them, else the rest later by a drain thread while the caller's timeout keeps running.
/// </summary>
internal sealed class OutgoingMessage
{
    private readonly List<OutgoingPart> _segments = new(2);
    private int _index;
    private long _offset;

    public bool IsEmpty => _segments.Count == 0;

    public bool IsDone => _index == _segments.Count;

    /// <summary>The bytes of all frames, headers included.</summary>
    public long TotalBytes { get; private set; }

    /// <summary>Adds a frame already holding its header (see <see cref="FrameWriter.SealFrame"/>).</summary>
    public void Add(OutgoingPart segment)
    {
        if (segment.ByteLength == 0)
        {
            return;
        }

        _segments.Add(segment);
        TotalBytes += segment.ByteLength;
    }

    /// <summary>Forgets the segments (drops references to the arrays written).</summary>
    public void Clear()
    {
        _segments.Clear();
        _index = 0;
        _offset = 0;
        TotalBytes = 0;
    }

    /// <summary>Copies every byte of the message (all segments, from the start) into <paramref name="destination"/>.</summary>
    public void CopyTo(System.Span<byte> destination)
    {
        foreach (OutgoingPart segment in _segments)
        {
            for (long offset = 0; offset < segment.ByteLength; offset += 1 << 30)
            {
                System.ReadOnlySpan<byte> chunk = segment.Chunk(offset);
                chunk.CopyTo(destination);
                destination = destination[chunk.Length..];
            }
        }
    }

    /// <summary>The next unwritten bytes (at most 1 GiB).</summary>
    public System.ReadOnlySpan<byte> Current => _segments[_index].Chunk(_offset);

    /// <summary>Marks <paramref name="count"/> bytes of <see cref="Current"/> written.</summary>
    public void Advance(long count)
    {
        _offset += count;
        if (_offset == _segments[_index].ByteLength)
        {
            _index++;
            _offset = 0;
        }
    }
}
