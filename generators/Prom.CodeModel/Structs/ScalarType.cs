namespace Prom.CodeModel.Structs;

/// <summary>
/// The scalar types of a [Struct] leaf. Names and order mirror <c>Prom.ScalarKind</c> in Prom.Abstractions, which
/// generated code names; this project cannot reference it (netstandard2.0 vs net10.0).
/// </summary>
public enum ScalarType : byte
{
    /// <summary>float</summary>
    Float32,
    /// <summary>double</summary>
    Float64,
    /// <summary>sbyte</summary>
    Int8,
    /// <summary>byte</summary>
    UInt8,
    /// <summary>short</summary>
    Int16,
    /// <summary>ushort</summary>
    UInt16,
    /// <summary>int</summary>
    Int32,
    /// <summary>uint</summary>
    UInt32,
    /// <summary>long</summary>
    Int64,
    /// <summary>ulong</summary>
    UInt64,
    /// <summary>bool, one byte 0/1</summary>
    Bool,
    /// <summary>System.Half</summary>
    Float16,
}
