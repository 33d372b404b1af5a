using Prom.CodeModel;
using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// What the TypeScript and Python emitters need from one [Topic] version: the topic model the C# codec is generated
/// from (so all three languages see the same members, names, nullability and required set), the enums it uses and
/// its JSON schema text. Values only, so the collected step stays cached across unrelated edits.
/// </summary>
/// <param name="Topic">The topic model.</param>
/// <param name="Enums">The enums used by the payload or its nested objects, ordered by full name.</param>
/// <param name="JsonSchema">The version's JSON schema (the text the C# side registers and validates against).</param>
internal sealed record ClientTopicModel(TopicModel Topic, EquatableArray<ClientEnumModel> Enums, string JsonSchema);
