using System;
using System.IO;
using System.IO.MemoryMappedFiles;
using System.Threading;

namespace Prom.Bridge.Arrays;

/// <summary>
/// A file-backed memory mapping (in <c>/dev/shm</c> when it exists, so it lives in RAM) that Python maps too:
/// both processes see the same physical pages. The file is deleted when this is disposed.
/// </summary>
internal sealed unsafe class SharedMemoryFile : IDisposable
{
    private readonly MemoryMappedFile _map;
    private readonly MemoryMappedViewAccessor _view;
    private byte* _pointer;
    private int _disposed;

    private SharedMemoryFile(string path, long byteLength, MemoryMappedFile map)
    {
        Path = path;
        ByteLength = byteLength;
        _map = map;
        _view = map.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
        byte* p = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref p);
        _pointer = p + _view.PointerOffset;
    }

    /// <summary>Where shared files are created: <c>/dev/shm</c> when present, else the temp directory.</summary>
    public static string DefaultDirectory { get; } = Directory.Exists("/dev/shm") ? "/dev/shm" : System.IO.Path.GetTempPath();

    public string Path { get; }

    /// <summary>The useful length (the file is at least 1 byte long, because empty mappings are not allowed).</summary>
    public long ByteLength { get; }

    public byte* Pointer => _disposed == 0 ? _pointer : throw new ObjectDisposedException(nameof(SharedArray<byte>), $"The shared array {Path} was disposed.");

    public bool IsDisposed => _disposed != 0;

    public static SharedMemoryFile Create(long byteLength)
    {
        string path = System.IO.Path.Combine(DefaultDirectory, $"prom-cs-{Environment.ProcessId}-{Guid.NewGuid():N}");
        MemoryMappedFile map = MemoryMappedFile.CreateFromFile(path, FileMode.CreateNew, null, Math.Max(byteLength, 1), MemoryMappedFileAccess.ReadWrite);
        return new SharedMemoryFile(path, byteLength, map);
    }

    /// <summary>Maps a file Python created for a result; this object then owns (and finally deletes) it.</summary>
    public static SharedMemoryFile OpenExisting(string path, long byteLength)
    {
        MemoryMappedFile map = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        return new SharedMemoryFile(path, byteLength, map);
    }

    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        _pointer = null;
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _map.Dispose();
        try
        {
            File.Delete(Path);
        }
        catch (IOException)
        {
            // Already gone or still open elsewhere; nothing to lose, the content is no longer needed.
        }
    }
}
