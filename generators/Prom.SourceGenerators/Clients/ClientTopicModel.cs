using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// What the TypeScript and Python emitters need from one [Topic] version: the topic model the C# codec is generated
/// from (so all three languages see the same members, names, nullability and required set), the enums it uses and
/// its JSON schema text. Values only, so the collected step stays cached across unrelated edits. The enums (with their
/// wire names) are the topic model's own (<see cref="TopicModel.Enums"/>), the table the C# codec writes names from.
/// </summary>
/// <param name="Topic">The topic model.</param>
/// <param name="JsonSchema">The version's JSON schema (the text the C# side registers and validates against).</param>
internal sealed record ClientTopicModel(TopicModel Topic, string JsonSchema);
