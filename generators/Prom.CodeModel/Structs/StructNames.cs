namespace Prom.CodeModel.Structs;

/// <summary>Names the [Struct] generator gives to what it adds; the parser recognizes them in later passes.</summary>
public static class StructNames
{
    /// <summary>Prefix of generated backing fields. The analyzer sees generated members and must skip them.</summary>
    public const string BackingFieldPrefix = "__prom_";

    /// <summary>The generated backing field of a member.</summary>
    public static string BackingField(string memberName) => BackingFieldPrefix + memberName;

    /// <summary>The generated inline-array type of an array member.</summary>
    public static string InlineArrayType(string memberName) => "__Prom" + memberName + "Buffer";
}
