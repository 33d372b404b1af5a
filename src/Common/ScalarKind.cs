#if BUILDING_CODE_MODEL
namespace Prom.CodeModel.Structs;
#else
namespace Prom;
#endif

/// <summary>
/// The scalar types a <c>[Struct]</c> leaf can have. One file (src/Common) compiled into Prom.Abstractions as the public
/// <c>Prom.ScalarKind</c> that generated code names, and into the code model (netstandard2.0, which cannot reference
/// Prom.Abstractions) as <c>Prom.CodeModel.Structs.ScalarKind</c>: the generator emits a member by its name, so the
/// two can never disagree.
/// </summary>
public enum ScalarKind : byte
{
    /// <summary><see cref="float"/>, 4 bytes, numpy <c>f4</c>.</summary>
    Float32,
    /// <summary><see cref="double"/>, 8 bytes, numpy <c>f8</c>.</summary>
    Float64,
    /// <summary><see cref="sbyte"/>, 1 byte, numpy <c>i1</c>.</summary>
    Int8,
    /// <summary><see cref="byte"/>, 1 byte, numpy <c>u1</c>.</summary>
    UInt8,
    /// <summary><see cref="short"/>, 2 bytes, numpy <c>i2</c>.</summary>
    Int16,
    /// <summary><see cref="ushort"/>, 2 bytes, numpy <c>u2</c>.</summary>
    UInt16,
    /// <summary><see cref="int"/>, 4 bytes, numpy <c>i4</c>.</summary>
    Int32,
    /// <summary><see cref="uint"/>, 4 bytes, numpy <c>u4</c>.</summary>
    UInt32,
    /// <summary><see cref="long"/>, 8 bytes, numpy <c>i8</c>.</summary>
    Int64,
    /// <summary><see cref="ulong"/>, 8 bytes, numpy <c>u8</c>.</summary>
    UInt64,
    /// <summary><see cref="bool"/>, 1 byte written as 0 or 1 (any non-zero byte reads as true), numpy <c>?</c>.</summary>
    Bool,
    /// <summary><c>System.Half</c>, 2 bytes, numpy <c>f2</c>.</summary>
    Float16,
}
