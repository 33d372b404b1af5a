namespace Prom.CodeModel.Topics;

/// <summary>How the deserializer gives a member its value.</summary>
public enum TopicMemberAssignment
{
    /// <summary>As a constructor argument.</summary>
    Constructor,
    /// <summary>In the object initializer (<c>init</c> accessor).</summary>
    Init,
    /// <summary>By assignment after construction, only when the JSON has it (a <c>set</c> accessor keeps its initializer otherwise).</summary>
    Set,
}

/// <summary>One serialized member of a topic payload.</summary>
/// <param name="Name">The C# property name.</param>
/// <param name="JsonName">The JSON member name (snake_case, or the <c>[JsonPropertyName]</c> value).</param>
/// <param name="Kind">The value kind (of the underlying type for <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="TypeName">Fully qualified type of the value (the underlying type for <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="IsNullableValueType">Declared as <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="IsNullable">May hold null (a <c>Nullable&lt;T&gt;</c> or an annotated reference type).</param>
/// <param name="IsRequired">Must be present in the JSON (not nullable and no constructor default).</param>
/// <param name="Assignment">How the deserializer assigns it.</param>
/// <param name="ConstructorIndex">The constructor parameter position, or -1.</param>
/// <param name="DefaultExpression">C# expression of the constructor parameter's default value, or null.</param>
/// <param name="Collection">For <see cref="TopicValueKind.Array"/> members: how the deserializer builds the collection.</param>
/// <param name="Element">For <see cref="TopicValueKind.Array"/> members: the element.</param>
/// <param name="ObjectIndex">For <see cref="TopicValueKind.Object"/> members: the index in <see cref="TopicModel.Objects"/>, else -1.</param>
/// <param name="EnumIndex">For <see cref="TopicValueKind.Enum"/> members: the index in <see cref="TopicModel.Enums"/>, else -1.</param>
public sealed record TopicMemberModel(
    string Name,
    string JsonName,
    TopicValueKind Kind,
    string TypeName,
    bool IsNullableValueType,
    bool IsNullable,
    bool IsRequired,
    TopicMemberAssignment Assignment,
    int ConstructorIndex,
    string? DefaultExpression,
    TopicCollectionKind Collection = TopicCollectionKind.None,
    TopicElementModel? Element = null,
    int ObjectIndex = -1,
    int EnumIndex = -1);
