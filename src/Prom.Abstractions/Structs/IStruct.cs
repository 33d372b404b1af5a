using System;

namespace Prom;

/// <summary>
/// Implemented by the generator for every <see cref="StructAttribute">[Struct]</see>: the compile-time layout and
/// the pack/unpack operations, usable generically (<c>where T : unmanaged, IStruct&lt;T&gt;</c>).
/// </summary>
/// <typeparam name="TSelf">The struct type itself.</typeparam>
public interface IStruct<TSelf> where TSelf : unmanaged, IStruct<TSelf>
{
    /// <summary>The layout computed at compile time; equal to the type's real memory layout.</summary>
    static abstract StructLayoutInfo Layout { get; }

    /// <summary>Packs <paramref name="value"/> into the first <c>Layout.Size</c> bytes of <paramref name="destination"/>; padding bytes are left untouched.</summary>
    static abstract void Write(in TSelf value, Span<byte> destination, bool bigEndian = false);

    /// <summary>Unpacks one value from the first <c>Layout.Size</c> bytes of <paramref name="source"/>.</summary>
    static abstract TSelf Read(ReadOnlySpan<byte> source, bool bigEndian = false);

    /// <summary>Packs every value of <paramref name="values"/> back to back (stride <c>Layout.Size</c>).</summary>
    static abstract void WriteAll(ReadOnlySpan<TSelf> values, Span<byte> destination, bool bigEndian = false);

    /// <summary>Unpacks <c>destination.Length</c> values laid back to back in <paramref name="source"/>.</summary>
    static abstract void ReadAll(ReadOnlySpan<byte> source, Span<TSelf> destination, bool bigEndian = false);
}
