using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Diagnostics;

/// <summary>[Topic] diagnostics (PROM03xx).</summary>
public static partial class DiagnosticDescriptors
{
    /// <summary>PROM0300</summary>
    public static readonly DiagnosticDescriptor InvalidTopicName = Error(
        DiagnosticIds.InvalidTopicName,
        "Invalid topic name",
        "Topic name '{0}' on '{1}' does not match ^[a-z0-9]+(\\.[a-z0-9]+)*(\\.v\\d+)?$; use dot-separated segments of lowercase letters and digits",
        TopicCategory,
        "Topic names are lowercase dot-separated segments, optionally ending in a version segment such as .v2; the bus rejects other names at publish time.");

    /// <summary>PROM0300, for a name that is the constant null.</summary>
    public static readonly DiagnosticDescriptor NullTopicName = Error(
        DiagnosticIds.InvalidTopicName,
        "Invalid topic name",
        "The topic name on '{0}' is null; give [Topic] a name of dot-separated lowercase segments such as 'orders.created'",
        TopicCategory,
        "Topic names are lowercase dot-separated segments, optionally ending in a version segment such as .v2; the bus rejects other names at publish time.");

    /// <summary>PROM0301</summary>
    public static readonly DiagnosticDescriptor InvalidHeaderKey = Error(
        DiagnosticIds.InvalidHeaderKey,
        "Invalid header key",
        "Header key '{0}' does not match ^x-[a-z0-9-]+$ and is not 'content-type'; custom headers start with 'x-', e.g. '{1}'",
        TopicCategory,
        "Custom header keys are lowercase kebab-case with an x- prefix; the bus rejects other keys at publish time.");

    /// <summary>PROM0302</summary>
    public static readonly DiagnosticDescriptor DuplicateTopicVersion = CompilationEndError(
        DiagnosticIds.DuplicateTopicVersion,
        "Topic version declared twice",
        "Topic '{0}' version {1} is declared by both '{2}' and '{3}'; give one of them the next version or another topic",
        TopicCategory,
        "Each version of a topic has exactly one payload type, so the schema of a record's x-schema-version is unambiguous.");

    /// <summary>PROM0303</summary>
    public static readonly DiagnosticDescriptor TopicVersionGap = CompilationEndError(
        DiagnosticIds.TopicVersionGap,
        "Topic versions skip a number",
        "Topic '{0}' jumps from version {1} ('{2}') to version {3} ('{4}'); declare version {5} or renumber",
        TopicCategory,
        "Versions of a topic are consecutive so that upcasters convert N to N+1 and compatibility is checked between neighbours.");

    /// <summary>PROM0304</summary>
    public static readonly DiagnosticDescriptor UnserializablePayloadMember = Error(
        DiagnosticIds.UnserializablePayloadMember,
        "Topic payload member cannot be serialized",
        "Member '{1}' of topic payload '{0}' cannot be serialized: {2}",
        TopicCategory,
        "The generated serializer handles strings, booleans, numbers, Guid, DateTime, DateTimeOffset, enums, nested classes/records/structs and arrays or lists of these (and their nullable forms), and needs a way to set every member when reading.");

    /// <summary>PROM0305</summary>
    public static readonly DiagnosticDescriptor InvalidTopicDeclaration = Error(
        DiagnosticIds.InvalidTopicDeclaration,
        "Invalid [Topic] declaration",
        "[Topic] on '{0}': {1}",
        TopicCategory,
        "A [Topic] setting is out of range, names a member that does not exist, or the payload type cannot be constructed or reached by generated code.");

    /// <summary>PROM0306</summary>
    public static readonly DiagnosticDescriptor UnregisteredTopic = new(
        DiagnosticIds.UnregisteredTopic,
        "Topic has no [Topic] declaration",
        "Topic '{0}' is used as a string but no [Topic] payload declares it, so its records have no schema; declare a [Topic] payload or use a versioned name ending in .vN",
        TopicCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "Every topic should have a declared payload schema; string topics with no [Topic] are unregistered unless their name carries an explicit version suffix.",
        HelpRoot + DiagnosticIds.UnregisteredTopic + ".md",
        WellKnownDiagnosticTags.CompilationEnd);

    /// <summary>PROM0307</summary>
    public static readonly DiagnosticDescriptor BreakingSchemaChange = CompilationEndError(
        DiagnosticIds.BreakingSchemaChange,
        "Breaking change between topic versions",
        "Topic '{0}' version {1} ('{2}') breaks {3} compatibility with version {4} ('{5}'): {6}",
        TopicCategory,
        "Under backward compatibility a new version must read every older record (no new required member, no narrowed type); under forward an older reader must read new records; full needs both.");

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

    /// <summary>PROM0311</summary>
    public static readonly DiagnosticDescriptor NotExactInClients = new(
        DiagnosticIds.NotExactInClients,
        "Topic payload member is not exact in every client language",
        "Member '{1}' of topic payload '{0}' {2}",
        TopicCategory,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        "The generated TypeScript and Python clients read the same JSON as the C# codec. JavaScript numbers are doubles (integers exact up to 2^53 − 1) and JSON readers in both languages turn a decimal into a double; a DateTime's text has no offset unless its Kind is Utc. Choose a wire form every language reads exactly: [SafeInteger] on 64-bit integers, double or a string for decimals, DateTimeOffset for instants.",
        HelpRoot + DiagnosticIds.NotExactInClients + ".md");
}
