using System.Collections.Generic;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>The result of reading one [Topic] declaration.</summary>
/// <param name="Model">The model, or null when the declaration is invalid.</param>
/// <param name="TopicName">The declared topic name as written (even when invalid), or null when missing.</param>
/// <param name="Version">The declared version as written.</param>
/// <param name="Problems">What the analyzer reports for this declaration.</param>
public sealed record TopicParseResult(TopicModel? Model, string? TopicName, int Version, IReadOnlyList<Problem> Problems);
