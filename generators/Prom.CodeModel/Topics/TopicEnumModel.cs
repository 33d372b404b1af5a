namespace Prom.CodeModel.Topics;

/// <summary>
/// An enum used by a payload member (or the elements of a collection member), as it goes on the wire: one name per
/// distinct value, in declaration order. The wire carries the name as a JSON string, so every client language agrees
/// on one form and a reordering or renumbering of the C# members changes nothing on the wire.
/// </summary>
/// <param name="TypeName">The enum's simple name.</param>
/// <param name="FullyQualifiedName">e.g. <c>global::Ops.Level</c>.</param>
/// <param name="Underlying">The underlying integer kind (how records written before names went on the wire carry it).</param>
/// <param name="Members">One member per distinct value: the first one declared for it (an alias such as <c>Default = Ok</c> is the same value).</param>
public sealed record TopicEnumModel(string TypeName, string FullyQualifiedName, TopicValueKind Underlying, EquatableArray<TopicEnumMember> Members);

/// <summary>One enum member on the wire.</summary>
/// <param name="Name">The C# member name.</param>
/// <param name="WireName">The JSON string: the C# name, or the <c>[JsonStringEnumMemberName]</c> value.</param>
/// <param name="Value">Its value as invariant decimal text, e.g. <c>2</c> or <c>-1</c>.</param>
public sealed record TopicEnumMember(string Name, string WireName, string Value);
