using System;
using System.Buffers;

namespace Prom.Bridge.Protocol;

/// <summary>One message read by <see cref="AnswerReader"/>: its header, its JSON (in a pooled buffer) and its parts.</summary>
internal readonly struct ReceivedAnswer
{
    private readonly byte[]? _rented;
    private readonly int _length;

    public ReceivedAnswer(ResponseHeader header, byte[]? rented, int length, byte[][] parts)
    {
        Header = header;
        _rented = rented;
        _length = length;
        Parts = parts;
    }

    /// <summary>A doorbell read from the pipe: no answer, only "look at the shared ring".</summary>
    public static ReceivedAnswer Doorbell { get; } = new(new ResponseHeader { ValueStart = -1 }, null, 0, Array.Empty<byte[]>(), isDoorbell: true);

    private ReceivedAnswer(ResponseHeader header, byte[]? rented, int length, byte[][] parts, bool isDoorbell)
        : this(header, rented, length, parts) => IsDoorbell = isDoorbell;

    /// <summary>True for <see cref="Doorbell"/>.</summary>
    public bool IsDoorbell { get; }

    public ResponseHeader Header { get; }

    public byte[][] Parts { get; }

    /// <summary>The control frame (empty for a ping); valid until <see cref="Return"/>.</summary>
    public ReadOnlySpan<byte> Json => _rented is null ? default : _rented.AsSpan(0, _length);

    /// <summary>The value's JSON, or <c>null</c> when the answer has none.</summary>
    public ReadOnlySpan<byte> Value => Header.ValueStart >= 0 ? Json.Slice(Header.ValueStart, Header.ValueLength) : "null"u8;

    /// <summary>Gives the pooled buffer back.</summary>
    public void Return()
    {
        if (_rented is not null)
        {
            ArrayPool<byte>.Shared.Return(_rented);
        }
    }
}
