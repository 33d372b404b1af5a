namespace Prom.CodeModel.Topics;

/// <summary>How the deserializer builds a collection member.</summary>
public enum TopicCollectionKind
{
    /// <summary>Not a collection.</summary>
    None,
    /// <summary>A <c>T[]</c>: read into a list, then <c>ToArray()</c>.</summary>
    Array,
    /// <summary><c>List&lt;T&gt;</c> or an interface it implements (<c>IReadOnlyList&lt;T&gt;</c>, <c>IEnumerable&lt;T&gt;</c>, …): read into a <c>List&lt;T&gt;</c>.</summary>
    List,
}
