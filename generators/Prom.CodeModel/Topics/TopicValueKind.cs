namespace Prom.CodeModel.Topics;

/// <summary>The JSON-serializable value kinds of a topic payload member.</summary>
public enum TopicValueKind
{
    /// <summary><c>string</c> (JSON string).</summary>
    String,
    /// <summary><c>bool</c> (JSON true/false).</summary>
    Boolean,
    /// <summary><c>sbyte</c>.</summary>
    SByte,
    /// <summary><c>byte</c>.</summary>
    Byte,
    /// <summary><c>short</c>.</summary>
    Int16,
    /// <summary><c>ushort</c>.</summary>
    UInt16,
    /// <summary><c>int</c>.</summary>
    Int32,
    /// <summary><c>uint</c>.</summary>
    UInt32,
    /// <summary><c>long</c>.</summary>
    Int64,
    /// <summary><c>ulong</c>.</summary>
    UInt64,
    /// <summary><c>float</c> (finite only).</summary>
    Single,
    /// <summary><c>double</c> (finite only).</summary>
    Double,
    /// <summary><c>decimal</c>.</summary>
    Decimal,
    /// <summary><c>System.Guid</c> (JSON string).</summary>
    Guid,
    /// <summary><c>System.DateTime</c> (ISO 8601 string).</summary>
    DateTime,
    /// <summary><c>System.DateTimeOffset</c> (ISO 8601 string).</summary>
    DateTimeOffset,
    /// <summary>An enum, written as its member's name (a JSON string; see <see cref="TopicEnumModel"/>).</summary>
    Enum,
    /// <summary>A nested class, record or struct, written as a JSON object (see <see cref="TopicObjectModel"/>).</summary>
    Object,
    /// <summary>An array or list, written as a JSON array (see <see cref="TopicElementModel"/>).</summary>
    Array,
    /// <summary><c>[SafeInteger] long</c>: a JSON number within ±(2^53 − 1), exact in every client language.</summary>
    SafeInt64,
    /// <summary><c>[SafeInteger] ulong</c>: a JSON number from 0 to 2^53 − 1.</summary>
    SafeUInt64,
}
