namespace Prom.CodeModel.Structs;

/// <summary>
/// Upper bounds of a [Struct]: every leaf is listed in the generated layout, dtype and schema, so an accidental
/// <c>[Length(100_000_000)]</c> must become a clear error rather than a compiler that runs out of memory.
/// </summary>
public static class StructLimits
{
    /// <summary>Largest size in bytes (16 MiB).</summary>
    public const int MaxSize = 16 * 1024 * 1024;

    /// <summary>Largest number of scalar leaves.</summary>
    public const int MaxLeaves = 65536;
}
