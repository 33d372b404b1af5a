using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Structs;

/// <summary>Everything the generators need to know about one scalar type, in one table.</summary>
/// <param name="Type">The scalar type.</param>
/// <param name="CSharpName">The C# keyword or fully qualified name.</param>
/// <param name="Size">Size and alignment in bytes.</param>
/// <param name="NumpyKind">numpy type code without byte order, e.g. <c>f4</c>.</param>
/// <param name="StructCode">Python <c>struct</c> format character.</param>
/// <param name="SwapType">The unsigned integer type whose byte reversal swaps this scalar, or null for one byte.</param>
public sealed record ScalarTypeInfo(ScalarKind Type, string CSharpName, int Size, string NumpyKind, char StructCode, string? SwapType)
{
    private static readonly ScalarTypeInfo[] s_table =
    {
        new(ScalarKind.Float32, "float", 4, "f4", 'f', "uint"),
        new(ScalarKind.Float64, "double", 8, "f8", 'd', "ulong"),
        new(ScalarKind.Int8, "sbyte", 1, "i1", 'b', null),
        new(ScalarKind.UInt8, "byte", 1, "u1", 'B', null),
        new(ScalarKind.Int16, "short", 2, "i2", 'h', "ushort"),
        new(ScalarKind.UInt16, "ushort", 2, "u2", 'H', "ushort"),
        new(ScalarKind.Int32, "int", 4, "i4", 'i', "uint"),
        new(ScalarKind.UInt32, "uint", 4, "u4", 'I', "uint"),
        new(ScalarKind.Int64, "long", 8, "i8", 'q', "ulong"),
        new(ScalarKind.UInt64, "ulong", 8, "u8", 'Q', "ulong"),
        new(ScalarKind.Bool, "bool", 1, "b1", '?', null),
        new(ScalarKind.Float16, "global::System.Half", 2, "f2", 'e', "ushort"),
    };

    /// <summary>Natural alignment: equal to the size for every supported scalar.</summary>
    public int Alignment => Size;

    /// <summary>The numpy format with byte order, e.g. <c>&lt;f4</c>; one-byte types use <c>|</c>.</summary>
    public string NumpyFormat(bool bigEndian) => (Size == 1 ? "|" : bigEndian ? ">" : "<") + NumpyKind;

    /// <summary>The table entry of <paramref name="type"/>.</summary>
    public static ScalarTypeInfo Of(ScalarKind type) => s_table[(int)type];

    /// <summary>The scalar type of a symbol, or null when it is not one of the supported scalars.</summary>
    public static ScalarKind? FromSymbol(ITypeSymbol type)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_Single: return ScalarKind.Float32;
            case SpecialType.System_Double: return ScalarKind.Float64;
            case SpecialType.System_SByte: return ScalarKind.Int8;
            case SpecialType.System_Byte: return ScalarKind.UInt8;
            case SpecialType.System_Int16: return ScalarKind.Int16;
            case SpecialType.System_UInt16: return ScalarKind.UInt16;
            case SpecialType.System_Int32: return ScalarKind.Int32;
            case SpecialType.System_UInt32: return ScalarKind.UInt32;
            case SpecialType.System_Int64: return ScalarKind.Int64;
            case SpecialType.System_UInt64: return ScalarKind.UInt64;
            case SpecialType.System_Boolean: return ScalarKind.Bool;
        }
        if (type is INamedTypeSymbol { Name: "Half", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } })
        {
            return ScalarKind.Float16;
        }
        return null;
    }
}
