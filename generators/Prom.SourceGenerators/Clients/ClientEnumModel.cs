using Prom.CodeModel;

namespace Prom.SourceGenerators.Clients;

/// <summary>An enum used by a payload member: its members in declaration order, written as numbers on the wire.</summary>
/// <param name="FullyQualifiedName">e.g. <c>global::Ops.Level</c> (what the member models name as their type).</param>
/// <param name="Name">The enum's simple name.</param>
/// <param name="Members">Name and value of each member.</param>
internal sealed record ClientEnumModel(string FullyQualifiedName, string Name, EquatableArray<ClientEnumMember> Members);

/// <summary>One enum member: the C# name and its value as invariant decimal text.</summary>
/// <param name="Name">The member name.</param>
/// <param name="Value">The value, e.g. <c>2</c> or <c>-1</c>.</param>
internal sealed record ClientEnumMember(string Name, string Value);
