using System.Collections.Generic;

namespace Prom.CodeModel.Structs;

/// <summary>The result of reading one [Struct] declaration.</summary>
/// <param name="Model">The model, or null when the declaration (or a [Struct] it nests) is invalid.</param>
/// <param name="Problems">What the analyzer reports for this declaration.</param>
public sealed record StructParseResult(StructModel? Model, IReadOnlyList<Diagnostics.Problem> Problems);
