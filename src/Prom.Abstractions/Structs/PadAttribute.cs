using System;

namespace Prom;

/// <summary>
/// Inserts explicit padding bytes before a member of a <see cref="StructAttribute">[Struct]</see>.
/// The padding is counted before the member is aligned, and padding never raises the struct's alignment.
/// Pack/unpack leave padding bytes untouched.
/// </summary>
[AttributeUsage(AttributeTargets.Property, AllowMultiple = false, Inherited = false)]
public sealed class PadAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="bytes">The number of padding bytes; must not be negative.</param>
    public PadAttribute(int bytes) => Bytes = bytes;

    /// <summary>The number of padding bytes.</summary>
    public int Bytes { get; }
}
