namespace Prom.CodeModel.Structs;

/// <summary>
/// What the generator emits for an invalid [Struct] that can still receive code: an implementation of every partial
/// member the user declared, whose accessors throw. Without it the compiler reports CS9248 ("partial property must
/// have an implementation part") in the user's code, and a command-line build stops before analyzers run, so the
/// PROM diagnostic that explains the real mistake would never be shown.
/// </summary>
/// <param name="Namespace">The namespace as generated code writes it, or null.</param>
/// <param name="ContainingTypes">Enclosing type declarations, outermost first.</param>
/// <param name="Declaration">e.g. <c>readonly partial record struct Sample</c>.</param>
/// <param name="Name">The type name as the user wrote it (for the exception message).</param>
/// <param name="Members">The partial members to implement.</param>
public sealed record StructPlaceholderModel(
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string Declaration,
    string Name,
    EquatableArray<PlaceholderMemberModel> Members);

/// <summary>One partial property (or indexer) definition to implement with throwing accessors.</summary>
/// <param name="Signature">Everything before the accessor list, e.g. <c>public partial ref readonly global::Game.Vec Pos</c>
/// or <c>public partial int this[int i]</c>.</param>
/// <param name="Accessors">The accessors as declared.</param>
public sealed record PlaceholderMemberModel(string Signature, EquatableArray<AccessorModel> Accessors);
