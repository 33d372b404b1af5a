namespace Prom.Ecs.Simd;

/// <summary>
/// The widest vector path a kernel may use. <see cref="Best"/> picks the widest hardware-accelerated width; an
/// explicit width runs that path even where it is emulated (tests use this to check every path on any machine).
/// </summary>
internal enum SimdLevel
{
    /// <summary>The scalar reference loop only.</summary>
    Scalar,

    /// <summary>Vector128 then the scalar tail.</summary>
    V128,

    /// <summary>Vector256, Vector128, then the scalar tail.</summary>
    V256,

    /// <summary>Vector512, Vector256, Vector128, then the scalar tail.</summary>
    V512,

    /// <summary>The widest accelerated width of this machine.</summary>
    Best,
}
