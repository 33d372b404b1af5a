namespace Prom.CodeModel.Diagnostics;

/// <summary>[Topic] diagnostic ids (PROM03xx).</summary>
public static partial class DiagnosticIds
{
    /// <summary>A [Topic] name that breaks the topic rule.</summary>
    public const string InvalidTopicName = "PROM0300";
    /// <summary>A header key passed to a generated publish that breaks the header rule.</summary>
    public const string InvalidHeaderKey = "PROM0301";
    /// <summary>Two [Topic] declarations of one topic and version.</summary>
    public const string DuplicateTopicVersion = "PROM0302";
    /// <summary>Versions of one topic that skip a number.</summary>
    public const string TopicVersionGap = "PROM0303";
    /// <summary>A [Topic] payload member the generated serializer cannot handle.</summary>
    public const string UnserializablePayloadMember = "PROM0304";
    /// <summary>A [Topic] setting or payload type shape that cannot work.</summary>
    public const string InvalidTopicDeclaration = "PROM0305";
    /// <summary>A string topic passed to the bus that no [Topic] declares.</summary>
    public const string UnregisteredTopic = "PROM0306";
    /// <summary>A topic version that breaks its compatibility mode against an earlier version.</summary>
    public const string BreakingSchemaChange = "PROM0307";
    /// <summary>A hop N → N+1 to a version that is not backward compatible has no [Upcaster].</summary>
    public const string MissingUpcaster = "PROM0308";
    /// <summary>An [Upcaster] method with a wrong signature or types.</summary>
    public const string InvalidUpcaster = "PROM0309";
    /// <summary>Two [Upcaster] methods for one hop.</summary>
    public const string DuplicateUpcaster = "PROM0310";
    /// <summary>A payload member whose JSON other client languages cannot read exactly (64-bit integers, decimal, DateTime).</summary>
    public const string NotExactInClients = "PROM0311";
}
