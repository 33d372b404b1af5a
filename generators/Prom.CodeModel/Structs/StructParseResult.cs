using System.Collections.Generic;

namespace Prom.CodeModel.Structs;

/// <summary>The result of reading one [Struct] declaration.</summary>
/// <param name="Model">The model, or null when the declaration (or a [Struct] it nests) is invalid.</param>
/// <param name="Problems">What is wrong with this declaration.</param>
/// <param name="CanReceiveCode">Whether the struct and every type containing it are partial, so generated code can be
/// added. When not, the compiler itself reports errors in the user's code (CS0751, CS9248) and a command-line build
/// stops before analyzers run: the generator reports <paramref name="Problems"/> then, otherwise the analyzer does.</param>
/// <param name="Placeholder">For an invalid declaration that can receive code: the partial members to implement.</param>
public sealed record StructParseResult(
    StructModel? Model,
    IReadOnlyList<Diagnostics.Problem> Problems,
    bool CanReceiveCode,
    StructPlaceholderModel? Placeholder)
{
    /// <summary>Whether the analyzer reports <see cref="Problems"/> (the generator reports them otherwise).</summary>
    public bool ReportedByAnalyzer => CanReceiveCode;
}
