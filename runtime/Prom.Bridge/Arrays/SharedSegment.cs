using System.Collections.Generic;

namespace Prom.Bridge.Arrays;

/// <summary>A shared-memory result from Python, already mapped, waiting to be typed by the caller.</summary>
internal sealed class SharedSegment(SharedMemoryFile file, string dtype, int[] shape)
{
    public SharedMemoryFile File { get; } = file;

    public string Dtype { get; } = dtype;

    public IReadOnlyList<int> Shape => shape;

    public int[] ShapeArray => shape;
}
