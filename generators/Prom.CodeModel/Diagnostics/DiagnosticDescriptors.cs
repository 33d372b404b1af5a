using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Diagnostics;

/// <summary>
/// Every diagnostic the package reports, in one place. Messages name the offending type and member; each has a help
/// page at <c>docs/diagnostics/&lt;id&gt;.md</c>.
/// </summary>
public static partial class DiagnosticDescriptors
{
    private const string StructCategory = "Prom.Struct";
    private const string EcsCategory = "Prom.Ecs";
    private const string TopicCategory = "Prom.Topic";
    private static string? s_helpRoot;

    /// <summary>
    /// <c>{RepositoryUrl}/blob/main/docs/diagnostics/</c>, from the repository URL the build stamps into this assembly
    /// (the same one the package metadata carries). A property, not a field: the descriptors of the other partial
    /// files may be initialized first.
    /// </summary>
    public static string HelpRoot => s_helpRoot ??= RepositoryUrl().TrimEnd('/') + "/blob/main/docs/diagnostics/";

    private static string RepositoryUrl()
    {
        foreach (object attribute in typeof(DiagnosticDescriptors).Assembly.GetCustomAttributes(typeof(System.Reflection.AssemblyMetadataAttribute), false))
        {
            if (attribute is System.Reflection.AssemblyMetadataAttribute { Key: "RepositoryUrl", Value: { Length: > 0 } url }) return url;
        }
        throw new System.InvalidOperationException("Prom.CodeModel was built without its RepositoryUrl metadata.");
    }

    private static DiagnosticDescriptor Error(string id, string title, string message, string category, string description) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpRoot + id + ".md");

    // Reported from a compilation end action (they compare all declarations), which analyzer hosts must know (RS1037).
    private static DiagnosticDescriptor CompilationEndError(string id, string title, string message, string category, string description) =>
        new(id, title, message, category, DiagnosticSeverity.Error, isEnabledByDefault: true, description, HelpRoot + id + ".md",
            WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PROM0001</summary>
    public static readonly DiagnosticDescriptor StructMustBePartial = Error(
        DiagnosticIds.StructMustBePartial,
        "[Struct] type must be partial",
        "'{0}' is marked [Struct] but is not partial; declare it 'partial struct {0}' so the generator can add its storage",
        StructCategory,
        "The generator adds fields with explicit offsets and the pack/unpack methods to the type, which needs a partial declaration.");

    /// <summary>PROM0001, reported on an enclosing type of a [Struct] (same rule, message names both types).</summary>
    public static readonly DiagnosticDescriptor ContainingTypeMustBePartial = Error(
        DiagnosticIds.StructMustBePartial,
        "[Struct] type must be partial",
        "'{0}' contains the [Struct] '{1}' but is not partial; declare it 'partial {2} {0}' so the generator can add the struct's storage",
        StructCategory,
        "The generator adds fields with explicit offsets and the pack/unpack methods to the type, which needs a partial declaration of the type and of every type that contains it.");

    /// <summary>PROM0002</summary>
    public static readonly DiagnosticDescriptor NonBlittableMember = Error(
        DiagnosticIds.NonBlittableMember,
        "[Struct] member is not blittable",
        "Member '{1}' of [Struct] '{0}' has type '{2}', which holds managed references and cannot be part of a fixed-size blittable layout",
        StructCategory,
        "A [Struct] is a fixed-size block of bytes; strings, arrays, classes and structs containing references cannot be stored in it.");

    /// <summary>PROM0003</summary>
    public static readonly DiagnosticDescriptor UnsupportedMemberType = Error(
        DiagnosticIds.UnsupportedMemberType,
        "[Struct] member type is not supported",
        "Member '{1}' of [Struct] '{0}' has unsupported type '{2}'; use float, double, sbyte, byte, short, ushort, int, uint, long, ulong, bool, Half or a type marked [Struct]",
        StructCategory,
        "Only scalars with a fixed size and a cross-language equivalent, and other [Struct] types, can be members.");

    /// <summary>PROM0004</summary>
    public static readonly DiagnosticDescriptor RecursiveNesting = Error(
        DiagnosticIds.RecursiveNesting,
        "[Struct] contains itself",
        "[Struct] '{0}' contains itself through {1}; a value type cannot contain itself",
        StructCategory,
        "A [Struct] that contains itself, directly or through other [Struct]s, would have infinite size.");

    /// <summary>PROM0005</summary>
    public static readonly DiagnosticDescriptor InvalidArrayLength = Error(
        DiagnosticIds.InvalidArrayLength,
        "Fixed-length array needs a positive length",
        "Array member '{1}' of [Struct] '{0}' has length {2}; declare it with [Length(n)] where n is at least 1",
        StructCategory,
        "Fixed-length arrays are declared as [Length(n)] partial Span<T> properties; n must be at least 1.");

    /// <summary>PROM0006</summary>
    public static readonly DiagnosticDescriptor NegativePadding = Error(
        DiagnosticIds.NegativePadding,
        "Padding must not be negative",
        "Padding of {2} bytes {1} in [Struct] '{0}' is negative; padding must be 0 or more bytes",
        StructCategory,
        "[Pad(n)] and TrailingPadding insert n bytes; a negative count has no meaning.");

    /// <summary>PROM0007</summary>
    public static readonly DiagnosticDescriptor DuplicateColumn = Error(
        DiagnosticIds.DuplicateColumn,
        "Two leaves flatten to the same column name",
        "[Struct] '{0}': leaves '{1}' and '{2}' both flatten to the column '{3}'; rename one of the members",
        StructCategory,
        "Flattened column names (pos.x becomes pos_x) must be unique so that numpy dtypes and SoA columns can name every leaf.");

    /// <summary>PROM0008</summary>
    public static readonly DiagnosticDescriptor StorageMustBePartialProperty = Error(
        DiagnosticIds.StorageMustBePartialProperty,
        "[Struct] storage must be declared as partial properties",
        "Member '{1}' of [Struct] '{0}' declares storage the generator cannot place; declare it as a partial property: 'public partial {2} {1} {{ get; set; }}'",
        StructCategory,
        "The generator places every stored value at an explicit offset; fields and auto-properties would bypass the layout.");

    /// <summary>PROM0009</summary>
    public static readonly DiagnosticDescriptor GenericStruct = Error(
        DiagnosticIds.GenericStruct,
        "[Struct] type must not be generic",
        "[Struct] '{0}' is generic or nested in a generic type; the runtime does not allow an explicit layout there",
        StructCategory,
        "The layout is computed at compile time and placed with explicit offsets, which .NET rejects for generic types (TypeLoadException).");

    /// <summary>PROM0010</summary>
    public static readonly DiagnosticDescriptor LengthOnNonArray = Error(
        DiagnosticIds.LengthOnNonArray,
        "[Length] applies only to array members",
        "[Length] on member '{1}' of [Struct] '{0}' has no effect; only 'partial Span<T>' and 'partial ReadOnlySpan<T>' members are arrays",
        StructCategory,
        "[Length(n)] declares the element count of a fixed-length array member.");

    /// <summary>PROM0011</summary>
    public static readonly DiagnosticDescriptor ArrayMemberWithSetter = Error(
        DiagnosticIds.ArrayMemberWithSetter,
        "Array members have only a getter",
        "Array member '{1}' of [Struct] '{0}' declares a setter; declare '{{ get; }}' and write through the returned span",
        StructCategory,
        "An array member returns a span over the inline storage; elements are written through it.");

    /// <summary>PROM0012</summary>
    public static readonly DiagnosticDescriptor StructTooLarge = Error(
        DiagnosticIds.StructTooLarge,
        "[Struct] is too large",
        "[Struct] '{0}' would be {1} bytes with {2} scalar leaves; the limits are {3} bytes and {4} leaves",
        StructCategory,
        "Every leaf is described in the generated layout (dtype, columns), so sizes and leaf counts are bounded.");

    /// <summary>PROM0013</summary>
    public static readonly DiagnosticDescriptor RefStruct = Error(
        DiagnosticIds.RefStruct,
        "[Struct] type must not be a ref struct",
        "[Struct] '{0}' is a ref struct; a layout must be storable in arrays, spans and other [Struct]s, so remove 'ref'",
        StructCategory,
        "A [Struct] implements IStruct<T> (which requires an unmanaged type argument) and is stored in arrays, spans and columns, none of which accept ref structs.");

    /// <summary>PROM0014</summary>
    public static readonly DiagnosticDescriptor GeneratedMemberConflict = Error(
        DiagnosticIds.GeneratedMemberConflict,
        "[Struct] declares something the generator adds",
        "[Struct] '{0}' declares {1}, which the generator adds to every [Struct]; rename or remove it",
        StructCategory,
        "The generator adds Layout, Write, Read, WriteAll, ReadAll, UnsafeWrite, UnsafeRead, the implementation of every partial property and the [StructLayout] attribute; a declaration of the same thing would clash with the generated one.");

    /// <summary>PROM0015</summary>
    public static readonly DiagnosticDescriptor PartialMemberWithoutStorage = Error(
        DiagnosticIds.PartialMemberWithoutStorage,
        "[Struct] partial member is not a storage property",
        "'{1}' of [Struct] '{0}' is {2}; the generator implements only instance partial properties: implement it yourself or make it an instance property",
        StructCategory,
        "Static partial properties and partial indexers have no place in the layout, so the generator cannot implement them.");

    /// <summary>PROM0016</summary>
    public static readonly DiagnosticDescriptor WriteInReadOnlyStruct = Error(
        DiagnosticIds.WriteInReadOnlyStruct,
        "Writable member in a readonly [Struct]",
        "Member '{1}' of readonly [Struct] '{0}' {2}, but the storage of a readonly struct cannot be written; use {3}",
        StructCategory,
        "The generator stores a readonly struct's members in readonly fields, which only init accessors may assign and which can be exposed only as ref readonly or ReadOnlySpan<T>.");

    /// <summary>PROM0100</summary>
    public static readonly DiagnosticDescriptor ComponentMustBeStruct = Error(
        DiagnosticIds.ComponentMustBeStruct,
        "[Component] must also be a [Struct]",
        "'{0}' is marked [Component] but not [Struct]; mark it [Struct, Component] so its leaves can become SoA columns",
        EcsCategory,
        "A component is stored as one column per scalar leaf of its [Struct] layout; without [Struct] there is no layout.");

    /// <summary>PROM0900</summary>
    public static readonly DiagnosticDescriptor InternalGeneratorError = new(
        DiagnosticIds.InternalGeneratorError,
        "A Prom generator failed",
        "The {0} generator failed on '{1}': {2}; no code was generated for it, please report this",
        "Prom.Internal",
        DiagnosticSeverity.Error,
        isEnabledByDefault: true,
        "An unexpected exception inside a generator; the generator reports it instead of crashing the compiler.",
        HelpRoot + DiagnosticIds.InternalGeneratorError + ".md");
}
