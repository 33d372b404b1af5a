namespace Prom.CodeModel.Diagnostics;

/// <summary>[Topic] upcaster diagnostics (PROM0308+); PROM0300–PROM0307 are in <c>DiagnosticIds.cs</c>.</summary>
public static partial class DiagnosticIds
{
    /// <summary>A hop N → N+1 to a version that is not backward compatible has no [Upcaster].</summary>
    public const string MissingUpcaster = "PROM0308";
    /// <summary>An [Upcaster] method with a wrong signature or types.</summary>
    public const string InvalidUpcaster = "PROM0309";
    /// <summary>Two [Upcaster] methods for one hop.</summary>
    public const string DuplicateUpcaster = "PROM0310";
}
