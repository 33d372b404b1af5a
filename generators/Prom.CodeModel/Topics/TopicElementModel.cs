namespace Prom.CodeModel.Topics;

/// <summary>The element of a collection member: a scalar, an enum or a nested object, possibly nullable.</summary>
/// <param name="Kind">The value kind (never <see cref="TopicValueKind.Array"/>: collections of collections are not supported).</param>
/// <param name="TypeName">Fully qualified element type (the underlying type for <c>Nullable&lt;T&gt;</c>).</param>
/// <param name="IsNullableValueType">Declared as <c>Nullable&lt;T&gt;</c>.</param>
/// <param name="IsNullable">Elements may be null.</param>
/// <param name="ObjectIndex">For <see cref="TopicValueKind.Object"/> elements: the index in <see cref="TopicModel.Objects"/>, else -1.</param>
/// <param name="EnumIndex">For <see cref="TopicValueKind.Enum"/> elements: the index in <see cref="TopicModel.Enums"/>, else -1.</param>
public sealed record TopicElementModel(
    TopicValueKind Kind,
    string TypeName,
    bool IsNullableValueType,
    bool IsNullable,
    int ObjectIndex,
    int EnumIndex = -1);
