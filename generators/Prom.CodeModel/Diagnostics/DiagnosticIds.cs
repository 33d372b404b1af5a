namespace Prom.CodeModel.Diagnostics;

/// <summary>
/// Every diagnostic id of the package. Ranges: PROM00xx [Struct], PROM01xx [Component] and the ECS,
/// PROM02xx [System], PROM03xx [Topic], PROM09xx internal.
/// </summary>
public static partial class DiagnosticIds
{
    /// <summary>[Struct] type is not partial.</summary>
    public const string StructMustBePartial = "PROM0001";
    /// <summary>A member's type holds references.</summary>
    public const string NonBlittableMember = "PROM0002";
    /// <summary>A member's type is not a supported scalar or [Struct].</summary>
    public const string UnsupportedMemberType = "PROM0003";
    /// <summary>A [Struct] contains itself.</summary>
    public const string RecursiveNesting = "PROM0004";
    /// <summary>A fixed-length array has no or a non-positive length.</summary>
    public const string InvalidArrayLength = "PROM0005";
    /// <summary>Negative padding.</summary>
    public const string NegativePadding = "PROM0006";
    /// <summary>Two leaves flatten to one column name.</summary>
    public const string DuplicateColumn = "PROM0007";
    /// <summary>A field or auto-property in a [Struct].</summary>
    public const string StorageMustBePartialProperty = "PROM0008";
    /// <summary>A generic [Struct].</summary>
    public const string GenericStruct = "PROM0009";
    /// <summary>[Length] on a member that is not an array.</summary>
    public const string LengthOnNonArray = "PROM0010";
    /// <summary>An array member with a setter.</summary>
    public const string ArrayMemberWithSetter = "PROM0011";
    /// <summary>A [Struct] too large to lay out and describe.</summary>
    public const string StructTooLarge = "PROM0012";
    /// <summary>A ref struct marked [Struct].</summary>
    public const string RefStruct = "PROM0013";
    /// <summary>A [Struct] declares a member or attribute the generator adds.</summary>
    public const string GeneratedMemberConflict = "PROM0014";
    /// <summary>A static partial property or partial indexer in a [Struct].</summary>
    public const string PartialMemberWithoutStorage = "PROM0015";
    /// <summary>A setter, writable ref or Span member in a readonly [Struct].</summary>
    public const string WriteInReadOnlyStruct = "PROM0016";
    /// <summary>A [Component] that is not a [Struct].</summary>
    public const string ComponentMustBeStruct = "PROM0100";
    /// <summary>A generator failed unexpectedly.</summary>
    public const string InternalGeneratorError = "PROM0900";
}
