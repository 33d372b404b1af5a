using System;
using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Clients;

/// <summary>A record type of the emitted clients: a payload version or a nested object.</summary>
/// <param name="Name">The emitted name (the C# simple name, suffixed when two types share it).</param>
/// <param name="CSharpType">The C# type it mirrors (without <c>global::</c>), for the doc comment.</param>
/// <param name="Fields">The JSON members in declaration order.</param>
/// <param name="Topic">For a payload: the topic name and version; null for a nested object.</param>
internal sealed record ClientRecord(string Name, string CSharpType, IReadOnlyList<ClientField> Fields, (string Name, int Version)? Topic);

/// <summary>One JSON member of a record.</summary>
/// <param name="JsonName">The wire name.</param>
/// <param name="CSharpName">The C# member name.</param>
/// <param name="Type">The value type.</param>
/// <param name="Required">Whether the member must be present (the C# codec's and the schema's required set).</param>
internal sealed record ClientField(string JsonName, string CSharpName, ClientType Type, bool Required);

/// <summary>A value type: a scalar kind, a reference to an emitted enum or record, or an array of another type.</summary>
/// <param name="Kind">The value kind (for enums: <see cref="TopicValueKind.Enum"/>).</param>
/// <param name="Nullable">Whether null is allowed.</param>
/// <param name="Reference">The emitted enum or record name, for enums and objects.</param>
/// <param name="Element">For arrays: the element type.</param>
/// <param name="CSharpType">The C# type (without <c>global::</c>).</param>
internal sealed record ClientType(TopicValueKind Kind, bool Nullable, string? Reference, ClientType? Element, string CSharpType);

/// <summary>One topic: its versions in increasing order.</summary>
/// <param name="Name">The topic name.</param>
/// <param name="Versions">Each version's number, payload record name, compatibility and key member (JSON name).</param>
internal sealed record ClientTopic(string Name, IReadOnlyList<ClientTopicVersion> Versions)
{
    public ClientTopicVersion Latest => Versions[Versions.Count - 1];
}

/// <summary>One version of a topic.</summary>
internal sealed record ClientTopicVersion(int Version, string Record, Compatibility Compatibility, string? KeyJsonName, string JsonSchema);

/// <summary>An emitted enum: a string union of its wire names.</summary>
internal sealed record ClientEnum(string Name, string CSharpType, IReadOnlyList<TopicEnumMember> Members);

/// <summary>
/// Every type and topic of one project as the TypeScript and Python emitters see it: payload versions and the nested
/// objects and enums they use, each once (by C# full name), with names unique in the emitted module, in a stable order
/// (records and enums by name, topics by name, versions increasing). Versions declared twice are left out (PROM0302
/// reports them), like the AsyncAPI document does.
/// </summary>
internal sealed class ClientDeclarations
{
    private ClientDeclarations(IReadOnlyList<ClientRecord> records, IReadOnlyList<ClientEnum> enums, IReadOnlyList<ClientTopic> topics)
    {
        Records = records;
        Enums = enums;
        Topics = topics;
    }

    /// <summary>Payload and nested records, ordered by emitted name.</summary>
    public IReadOnlyList<ClientRecord> Records { get; }

    /// <summary>Enums, ordered by emitted name.</summary>
    public IReadOnlyList<ClientEnum> Enums { get; }

    /// <summary>Topics ordered by name.</summary>
    public IReadOnlyList<ClientTopic> Topics { get; }

    /// <summary>Records with every record a member refers to before it (ties by name).</summary>
    public IEnumerable<ClientRecord> RecordsInDependencyOrder()
    {
        var byName = Records.ToDictionary(r => r.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<ClientRecord>(Records.Count);
        void Visit(ClientRecord record)
        {
            if (!done.Add(record.Name)) return;
            foreach (ClientField f in record.Fields)
            {
                ClientType t = f.Type.Element ?? f.Type;
                if (t.Kind == TopicValueKind.Object && byName.TryGetValue(t.Reference!, out ClientRecord? dependency)) Visit(dependency);
            }
            order.Add(record);
        }
        foreach (ClientRecord record in Records) Visit(record);
        return order;
    }

    public static ClientDeclarations From(IEnumerable<ClientTopicModel> models)
    {
        List<ClientTopicModel> topics = models
            .GroupBy(m => (m.Topic.TopicName, m.Topic.Version)).Where(g => g.Count() == 1).Select(g => g.First())
            .OrderBy(m => m.Topic.TopicName, StringComparer.Ordinal).ThenBy(m => m.Topic.Version)
            .ToList();

        Dictionary<string, string> names = UniqueNames(topics);

        var records = new Dictionary<string, ClientRecord>(StringComparer.Ordinal);
        var enums = new Dictionary<string, ClientEnum>(StringComparer.Ordinal);
        foreach (ClientTopicModel model in topics)
        {
            TopicModel topic = model.Topic;
            foreach (TopicEnumModel e in topic.Enums)
            {
                if (!enums.ContainsKey(e.FullyQualifiedName)) enums[e.FullyQualifiedName] = new ClientEnum(names[e.FullyQualifiedName], Plain(e.FullyQualifiedName), e.Members);
            }
            foreach (TopicObjectModel o in topic.Objects)
            {
                if (!records.ContainsKey(o.FullyQualifiedName)) records[o.FullyQualifiedName] = new ClientRecord(names[o.FullyQualifiedName], Plain(o.FullyQualifiedName), Fields(o.Members, topic, names), null);
            }
            // A payload type also used as a nested object is one record; the payload's entry wins so it names its topic.
            records[topic.FullyQualifiedName] = new ClientRecord(names[topic.FullyQualifiedName], Plain(topic.FullyQualifiedName), Fields(topic.Members, topic, names), (topic.TopicName, topic.Version));
        }

        List<ClientTopic> grouped = topics
            .GroupBy(m => m.Topic.TopicName, StringComparer.Ordinal)
            .Select(g => new ClientTopic(g.Key, g.Select(m => new ClientTopicVersion(
                m.Topic.Version, names[m.Topic.FullyQualifiedName], m.Topic.Compatibility, KeyJsonName(m.Topic), m.JsonSchema)).ToList()))
            .ToList();

        return new ClientDeclarations(
            records.Values.OrderBy(r => r.Name, StringComparer.Ordinal).ToList(),
            enums.Values.OrderBy(e => e.Name, StringComparer.Ordinal).ToList(),
            grouped);
    }

    private static string? KeyJsonName(TopicModel topic) =>
        topic.KeyMember is { } key ? topic.Members.FirstOrDefault(m => m.Name == key)?.JsonName : null;

    private static List<ClientField> Fields(IEnumerable<TopicMemberModel> members, TopicModel topic, Dictionary<string, string> names) =>
        members.Select(m => new ClientField(m.JsonName, m.Name, TypeOf(m, topic, names), m.IsRequired)).ToList();

    private static ClientType TypeOf(TopicMemberModel m, TopicModel topic, Dictionary<string, string> names)
    {
        if (m.Kind == TopicValueKind.Array)
        {
            TopicElementModel e = m.Element!;
            var element = new ClientType(e.Kind, e.IsNullable, Reference(e.Kind, e.EnumIndex, e.ObjectIndex, topic, names), null, Plain(e.TypeName));
            return new ClientType(TopicValueKind.Array, m.IsNullable, null, element, Plain(m.TypeName));
        }
        return new ClientType(m.Kind, m.IsNullable, Reference(m.Kind, m.EnumIndex, m.ObjectIndex, topic, names), null, Plain(m.TypeName));
    }

    private static string? Reference(TopicValueKind kind, int enumIndex, int objectIndex, TopicModel topic, Dictionary<string, string> names) => kind switch
    {
        TopicValueKind.Enum => names[topic.Enums[enumIndex].FullyQualifiedName],
        TopicValueKind.Object => names[topic.Objects[objectIndex].FullyQualifiedName],
        _ => null,
    };

    // Simple names, unless two C# types share one: then, in full-name order, the second gets "_2", the third "_3".
    private static Dictionary<string, string> UniqueNames(List<ClientTopicModel> topics)
    {
        var simple = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (ClientTopicModel model in topics)
        {
            simple[model.Topic.FullyQualifiedName] = model.Topic.TypeName;
            foreach (TopicObjectModel o in model.Topic.Objects) simple[o.FullyQualifiedName] = o.TypeName;
            foreach (TopicEnumModel e in model.Topic.Enums) simple[e.FullyQualifiedName] = e.TypeName;
        }
        var unique = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (IGrouping<string, KeyValuePair<string, string>> group in simple.GroupBy(p => p.Value, StringComparer.Ordinal))
        {
            int n = 0;
            foreach (KeyValuePair<string, string> pair in group.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                n++;
                unique[pair.Key] = n == 1 ? pair.Value : pair.Value + "_" + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }
        }
        return unique;
    }

    private static string Plain(string typeName) => typeName.Replace("global::", "");
}
