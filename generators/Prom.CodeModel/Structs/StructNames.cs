namespace Prom.CodeModel.Structs;

/// <summary>
/// Names the [Struct] generator gives to what it adds, in one place: the emitter writes them and the parser
/// recognizes them (it sees generated code when it runs in the analyzer) and keeps user names from clashing.
/// Private helpers start with <c>__Prom</c>/<c>__prom_</c>, which user code does not use.
/// </summary>
public static class StructNames
{
    /// <summary>Prefix of generated backing fields. The analyzer sees generated members and must skip them.</summary>
    public const string BackingFieldPrefix = "__prom_";

    /// <summary>How the hint name of every generated [Struct] file ends.</summary>
    public const string GeneratedFileSuffix = ".Struct.g.cs";

    /// <summary>The generated static property with the layout.</summary>
    public const string LayoutProperty = "Layout";

    /// <summary>The generated size constant.</summary>
    public const string SizeConstant = "__PromSize";

    /// <summary>The generated static field behind <see cref="LayoutProperty"/>.</summary>
    public const string LayoutField = "__PromLayout";

    /// <summary>The generated helper that throws for a short buffer.</summary>
    public const string ThrowTooShort = "__PromThrowTooShort";

    /// <summary>The generated backing field of a member.</summary>
    public static string BackingField(string memberName) => BackingFieldPrefix + memberName;

    /// <summary>The generated inline-array type of an array member.</summary>
    public static string InlineArrayType(string memberName) => "__Prom" + memberName + "Buffer";
}
