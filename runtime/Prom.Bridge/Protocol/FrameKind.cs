namespace Prom.Bridge.Protocol;

/// <summary>The kind byte of a frame <c>[u32 big-endian length][u8 kind][payload]</c>.</summary>
internal enum FrameKind : byte
{
    /// <summary>A UTF-8 JSON control message; its <c>n</c> field counts the binary parts that follow it.</summary>
    Json = 1,

    /// <summary>A raw binary part belonging to the JSON message before it.</summary>
    Binary = 2,

    /// <summary>
    /// A ping: an 8-byte big-endian request id, echoed back unchanged by Python. The one request with a fixed binary
    /// form, so that the bridge's floor (frames, window, waiter) can be measured without JSON on either side.
    /// </summary>
    Ping = 3,

    /// <summary>
    /// A wake-up for a reader blocked on the pipe: "a record is waiting in the shared ring" (<see cref="Ring.SharedRing"/>).
    /// Empty, outside the sequence (its sequence number is 0 and does not count), header CRC checked. A stale or
    /// repeated doorbell is harmless: the reader looks at the ring, finds nothing or the next record, and goes on.
    /// </summary>
    Doorbell = 4,
}
