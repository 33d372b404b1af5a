using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Topics;

/// <summary>
/// One [Topic] declaration as the cross-declaration rules see it (holds a <see cref="Location"/>, so analyzers only).
/// </summary>
/// <param name="Topic">The declared topic name.</param>
/// <param name="Version">The declared version.</param>
/// <param name="TypeName">The payload type's name.</param>
/// <param name="Location">Where to report problems with this declaration.</param>
public sealed record TopicDeclaration(string Topic, int Version, string TypeName, Location Location);
