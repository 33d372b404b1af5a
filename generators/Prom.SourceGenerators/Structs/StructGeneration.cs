using Prom.CodeModel;
using Prom.CodeModel.Structs;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Structs;

/// <summary>
/// What the [Struct] generator makes of one declaration (value-equatable): the model to emit, or for an invalid
/// declaration the placeholder that keeps the user's code compiling, plus the diagnostics the generator itself must
/// report (only when the declaration cannot receive code, see <see cref="StructParseResult.CanReceiveCode"/>).
/// </summary>
/// <param name="HintName">The generated file's hint name.</param>
/// <param name="Model">The valid model, or null.</param>
/// <param name="Placeholder">The placeholder of an invalid declaration, or null.</param>
/// <param name="Diagnostics">Diagnostics the generator reports.</param>
internal sealed record StructGeneration(
    string HintName,
    StructModel? Model,
    StructPlaceholderModel? Placeholder,
    EquatableArray<DiagnosticInfo> Diagnostics)
{
    /// <summary>Whether there is a file to emit.</summary>
    public bool HasSource => Model is not null || Placeholder is not null;
}
