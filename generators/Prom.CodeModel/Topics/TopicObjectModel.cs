namespace Prom.CodeModel.Topics;

/// <summary>A nested object type of a payload (a member's type or a collection's element type), serialized as a JSON object with the payload's rules.</summary>
/// <param name="TypeName">The type's simple name (for messages).</param>
/// <param name="FullyQualifiedName">e.g. <c>global::Ops.ProcessInfo</c>.</param>
/// <param name="IsValueType">Whether it is a struct.</param>
/// <param name="ConstructorParameterCount">Parameters of the constructor the deserializer calls.</param>
/// <param name="Members">Serialized members in declaration order (base type first).</param>
public sealed record TopicObjectModel(
    string TypeName,
    string FullyQualifiedName,
    bool IsValueType,
    int ConstructorParameterCount,
    EquatableArray<TopicMemberModel> Members);
