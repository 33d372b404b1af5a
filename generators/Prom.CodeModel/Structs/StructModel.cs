namespace Prom.CodeModel.Structs;

/// <summary>
/// A valid [Struct] declaration reduced to values: what the generator needs to emit it. Contains no symbols,
/// syntax or locations, so it compares by value and incremental steps stay cached across unrelated edits.
/// </summary>
/// <param name="Namespace">The namespace, or null for the global namespace.</param>
/// <param name="ContainingTypes">Enclosing type declarations, outermost first.</param>
/// <param name="Name">The type name.</param>
/// <param name="FullyQualifiedName">e.g. <c>global::Game.Trail</c>.</param>
/// <param name="Keyword"><c>struct</c> or <c>record struct</c>.</param>
/// <param name="IsReadOnly">Declared <c>readonly partial struct</c>.</param>
/// <param name="Members">The storage members in declaration order.</param>
/// <param name="Layout">The computed layout.</param>
public sealed record StructModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Name,
    string FullyQualifiedName,
    string Keyword,
    bool IsReadOnly,
    EquatableArray<StructMemberModel> Members,
    StructLayoutModel Layout);

/// <summary>An enclosing type declaration of a nested [Struct].</summary>
/// <param name="Declaration">The partial declaration generated code opens, e.g. <c>static partial class Outer&lt;T&gt;</c>
/// or <c>readonly ref partial struct @event</c> (modifiers every part must repeat, names escaped).</param>
public sealed record ContainingTypeModel(string Declaration);
