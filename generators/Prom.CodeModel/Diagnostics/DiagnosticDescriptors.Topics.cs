using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Diagnostics;

/// <summary>[Topic] upcaster diagnostics (PROM0308+).</summary>
public static partial class DiagnosticDescriptors
{
    /// <summary>PROM0308</summary>
    public static readonly DiagnosticDescriptor MissingUpcaster = CompilationEndError(
        DiagnosticIds.MissingUpcaster,
        "Topic version hop has no upcaster",
        "Topic '{0}' has no [Upcaster] from version {1} ('{2}') to version {3} ('{4}'), and version {3} is {5}, so a consumer of version {3} cannot read version-{1} records; add '[Upcaster] static {4} Up({2} old)' or declare version {3} backward compatible",
        TopicCategory,
        "A consumer of the latest version reads older records by converting them hop by hop. A hop whose newer version is backward compatible reads the older JSON directly; any other hop needs a static [Upcaster] method from version N to N+1.");

    /// <summary>PROM0309</summary>
    public static readonly DiagnosticDescriptor InvalidUpcaster = Error(
        DiagnosticIds.InvalidUpcaster,
        "Invalid [Upcaster] method",
        "[Upcaster] '{0}' {1}",
        TopicCategory,
        "An upcaster is a static, non-generic, public or internal method that takes version N of a [Topic] payload by value and returns version N+1 of the same topic.");

    /// <summary>PROM0310</summary>
    public static readonly DiagnosticDescriptor DuplicateUpcaster = CompilationEndError(
        DiagnosticIds.DuplicateUpcaster,
        "Two upcasters for one version hop",
        "[Upcaster] '{0}' converts topic '{1}' version {2} into version {3}, which '{4}' already does; keep one",
        TopicCategory,
        "Each hop N → N+1 of a topic has at most one upcaster, so the conversion consumers apply is never ambiguous.");
}
