using System;
using System.IO;
using System.Threading;
using Prom.Bridge.Arrays;

namespace Prom.Bridge.Ring;

/// <summary>
/// The small-call transport: a memory-mapped file that the host and the Python child both map, holding a request
/// channel (host → Python) and a reply channel (Python → host). A record in a channel is a piece of the ordinary frame
/// stream (the same frames, sequence numbers and CRCs as on the pipe), so a corrupt, truncated, duplicated or lost
/// record fails the same checks as a pipe frame. The pipe stays the control channel and the fallback for everything
/// the ring does not carry; it is also the wake-up: a reader that stopped spinning blocks on the pipe, and the writer
/// of a record sends it a doorbell frame there (see docs/bridge.md, "Transport").
/// </summary>
/// <remarks>
/// Layout (native byte order, every field naturally aligned; the Python half in prom_bridge_runtime.py mirrors it and
/// checks <see cref="Magic"/>, <see cref="LayoutVersion"/> and the capacity at start):
/// <code>
/// 0    u64 magic "PROMRNG1" | u32 layout version | u32 capacity (bytes of each slot)
/// 64   request channel control: u64 published | u64 pipe messages | u64 taken | u32 reader sleeping | u32 - | u64 next sequence
/// 128  reply channel control:   u64 published | u64 (unused)      | u64 taken | u32 reader sleeping | u32 - | u64 (unused)
/// 256  request slot: u32 length | bytes        (capacity bytes)
/// 256 + capacity  reply slot
/// </code>
/// </remarks>
internal sealed unsafe class SharedRing : IDisposable
{
    public const ulong Magic = 0x31474E524D4F5250; // "PROMRNG1" read as a little-endian u64
    public const uint LayoutVersion = 1;

    /// <summary>Bytes of each slot, its 4-byte length word included: small calls are far below, larger messages take the pipe.</summary>
    public const int DefaultCapacity = 64 * 1024;

    private const int RequestControl = 64;
    private const int ReplyControl = 128;
    private const int SlotsStart = 256;

    private readonly SharedMemoryFile _file;

    private SharedRing(SharedMemoryFile file, int capacity)
    {
        _file = file;
        byte* p = file.Pointer;
        *(ulong*)p = Magic;
        *(uint*)(p + 8) = LayoutVersion;
        *(uint*)(p + 12) = (uint)capacity;
        Requests = new RingChannel(p + RequestControl, p + SlotsStart, capacity);
        Replies = new RingChannel(p + ReplyControl, p + SlotsStart + capacity, capacity);
        Replies.SetReaderSleeping(true); // the host reads replies by blocking on the pipe unless a lone caller spins
    }

    /// <summary>Host → Python.</summary>
    public RingChannel Requests { get; }

    /// <summary>Python → host.</summary>
    public RingChannel Replies { get; }

    /// <summary>The file's path, passed to Python, which maps it; deleted once Python has (see <see cref="Unlink"/>).</summary>
    public string Path => _file.Path;

    /// <summary>A new ring in shared memory with two slots of <paramref name="capacity"/> bytes.</summary>
    public static SharedRing Create(int capacity = DefaultCapacity)
    {
        if (capacity < 64 || capacity % 8 != 0)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "A ring slot needs at least 64 bytes, in multiples of 8.");
        }

        return new SharedRing(SharedMemoryFile.Create(SlotsStart + 2L * capacity), capacity);
    }

    /// <summary>Removes the file's name once both processes have mapped it: nothing is left in /dev/shm, even after a kill.</summary>
    public void Unlink()
    {
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Gone already.
        }
    }

    /// <summary>Unmaps the ring. Only when no thread can touch it any more (the child has exited, under the writer lock).</summary>
    public void Dispose() => _file.Dispose();
}

/// <summary>
/// One direction of a <see cref="SharedRing"/>: a single slot the writer fills only when the reader has taken the
/// previous record (the bridge sends a request through the ring only when no other call is in flight, so one slot is
/// all a direction ever needs), with counters that say whether a record is waiting.
/// </summary>
internal sealed unsafe class RingChannel
{
    private readonly long* _published;
    private readonly long* _pipeMessages;
    private readonly long* _taken;
    private readonly int* _readerSleeping;
    private readonly long* _readerNextSequence;
    private readonly byte* _slot;

    public RingChannel(byte* control, byte* slot, int capacity)
    {
        _published = (long*)control;
        _pipeMessages = (long*)(control + 8);
        _taken = (long*)(control + 16);
        _readerSleeping = (int*)(control + 24);
        _readerNextSequence = (long*)(control + 32);
        _slot = slot;
        Capacity = capacity;
    }

    /// <summary>Bytes of the slot, its length word included.</summary>
    public int Capacity { get; }

    /// <summary>The largest record the slot holds.</summary>
    public int MaxRecord => Capacity - sizeof(int);

    /// <summary>
    /// True when a published record has not been taken yet: the published count is exactly one ahead of the taken
    /// count (one slot). Any other difference is a count caught halfway through its store (or a corrupt one), never a
    /// record: taking on "differs" re-read a consumed slot when the Python half's counter stores went 0, then the value.
    /// </summary>
    public bool HasRecord => Volatile.Read(ref *_published) == Volatile.Read(ref *_taken) + 1;

    /// <summary>True when the reader has taken every published record (the counts are equal: the writer may fill the slot).</summary>
    private bool IsFree => Volatile.Read(ref *_published) == Volatile.Read(ref *_taken);

    /// <summary>
    /// Whether the reader of this channel stopped spinning and blocks on the pipe (then it needs a doorbell). Read
    /// after a full fence, so that with the reader's own fence between "I sleep" and "is there a record?" either the
    /// reader sees the record or the writer sees it sleeping (no lost wake-up).
    /// </summary>
    public bool ReaderSleeping
    {
        get
        {
            Interlocked.MemoryBarrier();
            return Volatile.Read(ref *_readerSleeping) != 0;
        }
    }

    /// <summary>Sets the reader's sleeping flag with a full fence (it is then ordered before the caller's next check for a record).</summary>
    public void SetReaderSleeping(bool sleeping) => Interlocked.Exchange(ref *_readerSleeping, sleeping ? 1 : 0);

    /// <summary>Counts a request that went through the pipe instead: a Python spinning on the ring then stops and reads the pipe.</summary>
    public void CountPipeMessage() => Volatile.Write(ref *_pipeMessages, Volatile.Read(ref *_pipeMessages) + 1);

    /// <summary>
    /// Copies <paramref name="message"/> into the slot as one record and publishes it; false when it does not fit, the
    /// slot is full, or the reader has not yet read every frame sent before the message through the pipe (its next
    /// expected sequence number is not <paramref name="firstSequence"/>, the message's first): then the message takes
    /// the pipe too, so frames are always read in the order they were numbered.
    /// </summary>
    public bool TryPublish(Protocol.OutgoingMessage message, uint firstSequence)
    {
        if (message.TotalBytes > MaxRecord || !IsFree || (uint)Volatile.Read(ref *_readerNextSequence) != firstSequence)
        {
            return false;
        }

        *(int*)_slot = (int)message.TotalBytes;
        message.CopyTo(new Span<byte>(_slot + sizeof(int), (int)message.TotalBytes));
        Volatile.Write(ref *_published, Volatile.Read(ref *_published) + 1); // release: the bytes are visible before the count
        return true;
    }

    /// <summary>The published count as it stands in shared memory (for tests).</summary>
    public long PublishedCount => Volatile.Read(ref *_published);

    /// <summary>
    /// Publishes raw slot content: the length word and the bytes as given (the fuzz tests corrupt both), then stores
    /// <paramref name="published"/> as the published count (by default one more than now; the ring tests store other
    /// values, as a writer caught halfway through its store would leave them).
    /// </summary>
    public void PublishRaw(ReadOnlySpan<byte> lengthWordAndBytes, long? published = null)
    {
        if (lengthWordAndBytes.Length > Capacity)
        {
            throw new ArgumentException($"A slot holds {Capacity} bytes.", nameof(lengthWordAndBytes));
        }

        lengthWordAndBytes.CopyTo(new Span<byte>(_slot, Capacity));
        Volatile.Write(ref *_published, published ?? Volatile.Read(ref *_published) + 1);
    }

    /// <summary>
    /// Copies the waiting record out of the slot into <paramref name="destination"/> (at least <see cref="MaxRecord"/>
    /// bytes) and frees the slot; -1 when none is waiting. The record is parsed from the copy, so a writer cannot
    /// change it under the reader. A length word that cannot be right is a <see cref="BridgeProtocolException"/>.
    /// </summary>
    public int TryTake(byte[] destination)
    {
        long taken = Volatile.Read(ref *_taken);
        if (Volatile.Read(ref *_published) != taken + 1)
        {
            return -1;
        }

        int length = Volatile.Read(ref *(int*)_slot);
        if (length <= 0 || length > MaxRecord)
        {
            throw new BridgeProtocolException($"A shared-ring record announced {length} bytes; a slot holds 1 to {MaxRecord} (the ring is corrupt).");
        }

        new ReadOnlySpan<byte>(_slot + sizeof(int), length).CopyTo(destination);
        Volatile.Write(ref *_taken, taken + 1);
        return length;
    }
}
