using System;
using System.Collections.Generic;
using System.Linq;

namespace Prom.CodeModel.Topics;

/// <summary>
/// Compile-time compatibility between two versions of a topic payload, with Confluent Schema Registry's meanings and
/// the same rules as the run-time <c>Prom.Topics.Registry.TopicSchemaRegistry</c> (which applies them to the generated
/// JSON schemas): <em>backward</em> — every member required by the new version is required by the old one, and no
/// member's JSON types narrow; <em>forward</em> — the same the other way round; <em>full</em> — both. Nested objects
/// and the objects in arrays are compared member by member (paths like <c>leader.name</c>, <c>items[].id</c>). Enums are
/// strings on the wire, and a reader must know every name the writer may write (<see cref="EnumCompatibilityRules"/>).
/// </summary>
public static class TopicCompatibilityRules
{
    /// <summary>The JSON schema type of a value kind: <c>integer</c>, <c>number</c>, <c>string</c>, <c>boolean</c>, <c>object</c> or <c>array</c>.</summary>
    public static string JsonType(TopicValueKind shape) => shape switch
    {
        TopicValueKind.String or TopicValueKind.Guid or TopicValueKind.DateTime or TopicValueKind.DateTimeOffset or TopicValueKind.Enum => "string",
        TopicValueKind.Boolean => "boolean",
        TopicValueKind.Single or TopicValueKind.Double or TopicValueKind.Decimal => "number",
        TopicValueKind.Object => "object",
        TopicValueKind.Array => "array",
        _ => "integer",
    };

    /// <summary>The versions <paramref name="newer"/> must be checked against, given the declared ones in increasing order.</summary>
    public static IEnumerable<TopicModel> Earlier(TopicModel newer, IReadOnlyList<TopicModel> ordered)
    {
        var earlier = ordered.Where(m => m.Version < newer.Version).ToList();
        if (earlier.Count == 0 || newer.Compatibility == Compatibility.None) return Array.Empty<TopicModel>();
        bool transitive = newer.Compatibility is Compatibility.BackwardTransitive or Compatibility.ForwardTransitive or Compatibility.FullTransitive;
        return transitive ? earlier : new[] { earlier[earlier.Count - 1] };
    }

    /// <summary>Every rule <paramref name="newer"/> breaks against <paramref name="older"/> under its own mode (empty when none).</summary>
    public static IReadOnlyList<string> Breaks(TopicModel older, TopicModel newer)
    {
        var problems = new List<string>();
        string newName = "v" + newer.Version;
        string oldName = "v" + older.Version;
        if (newer.Compatibility is Compatibility.Backward or Compatibility.BackwardTransitive or Compatibility.Full or Compatibility.FullTransitive)
        {
            problems.AddRange(ReaderProblems(newer, older, newName, oldName).Select(p => "backward: " + p));
        }
        if (newer.Compatibility is Compatibility.Forward or Compatibility.ForwardTransitive or Compatibility.Full or Compatibility.FullTransitive)
        {
            problems.AddRange(ReaderProblems(older, newer, oldName, newName).Select(p => "forward: " + p));
        }
        return problems;
    }

    private static IEnumerable<string> ReaderProblems(TopicModel reader, TopicModel writer, string readerName, string writerName) =>
        Compare(new Side(reader.Members, reader.Objects, reader.Enums), new Side(writer.Members, writer.Objects, writer.Enums), "", "", readerName, writerName);

    /// <summary>The members of one object on one side, with the payload's nested object table.</summary>
    private readonly struct Side
    {
        public Side(EquatableArray<TopicMemberModel> members, EquatableArray<TopicObjectModel> objects, EquatableArray<TopicEnumModel> enums)
        {
            Members = members;
            Objects = objects;
            Enums = enums;
        }

        public EquatableArray<TopicMemberModel> Members { get; }
        public EquatableArray<TopicObjectModel> Objects { get; }
        public EquatableArray<TopicEnumModel> Enums { get; }

        public Side Nested(int objectIndex) => new(Objects[objectIndex].Members, Objects, Enums);

        /// <summary>The wire names of enum <paramref name="index"/>, or null when the value is not an enum (index -1).</summary>
        public IEnumerable<string>? Names(int index) => index < 0 || index >= Enums.Count ? null : Enums[index].Members.Select(m => m.WireName);
    }

    // Members are compared by JSON name; nested objects (and objects inside arrays) are compared member by member with
    // a path prefix ('Leader.Name' (leader.name), 'Items[].Id' (items[].id)) when both sides have them.
    private static IEnumerable<string> Compare(Side reader, Side writer, string namePrefix, string jsonPrefix, string readerName, string writerName)
    {
        Dictionary<string, TopicMemberModel> written = writer.Members.ToDictionary(m => m.JsonName, StringComparer.Ordinal);
        foreach (TopicMemberModel member in reader.Members.OrderBy(m => m.JsonName, StringComparer.Ordinal))
        {
            string name = namePrefix + member.Name;
            string json = jsonPrefix + member.JsonName;
            written.TryGetValue(member.JsonName, out TopicMemberModel? other);
            if (member.IsRequired && other is not { IsRequired: true })
            {
                yield return other is null
                    ? $"'{name}' ({json}) is required in {readerName} but does not exist in {writerName}; make it nullable or give it a default"
                    : $"'{name}' ({json}) is required in {readerName} but optional in {writerName}, whose records may lack it";
            }
            if (other is null) continue;
            if (!Types(other).IsSubsetOf(Types(member)))
            {
                yield return $"'{name}' ({json}) changes type from {Describe(Types(other))} in {writerName} to {Describe(Types(member))} in {readerName}";
                continue;
            }
            if (EnumProblem(reader.Names(member.EnumIndex), writer.Names(other.EnumIndex), other.Kind, $"'{name}' ({json})", readerName, writerName) is { } enumProblem)
            {
                yield return enumProblem;
            }
            else if (member.Kind == TopicValueKind.Object)
            {
                foreach (string problem in Compare(reader.Nested(member.ObjectIndex), writer.Nested(other.ObjectIndex), name + ".", json + ".", readerName, writerName)) yield return problem;
            }
            else if (member.Kind == TopicValueKind.Array && member.Element is { } readElement && other.Element is { } writtenElement)
            {
                if (!Types(writtenElement).IsSubsetOf(Types(readElement)))
                {
                    yield return $"the items of '{name}' ({json}) change type from {Describe(Types(writtenElement))} in {writerName} to {Describe(Types(readElement))} in {readerName}";
                }
                else if (EnumProblem(reader.Names(readElement.EnumIndex), writer.Names(writtenElement.EnumIndex), writtenElement.Kind, $"the items of '{name}' ({json})", readerName, writerName) is { } itemProblem)
                {
                    yield return itemProblem;
                }
                else if (readElement.Kind == TopicValueKind.Object)
                {
                    foreach (string problem in Compare(reader.Nested(readElement.ObjectIndex), writer.Nested(writtenElement.ObjectIndex), name + "[].", json + "[].", readerName, writerName)) yield return problem;
                }
            }
        }
    }

    // The shared rule (EnumCompatibilityRules): only when the reader has an enum; a writer's enum read as a string is fine.
    private static string? EnumProblem(IEnumerable<string>? readNames, IEnumerable<string>? writtenNames, TopicValueKind writtenKind, string what, string readerName, string writerName)
    {
        if (readNames is null) return null;
        if (writtenNames is null) return writtenKind == TopicValueKind.String ? EnumCompatibilityRules.FromPlainString(what, readerName, writerName) : null;
        List<string> unknown = EnumCompatibilityRules.UnknownToReader(readNames, writtenNames);
        return unknown.Count == 0 ? null : EnumCompatibilityRules.Describe(what, unknown, readerName, writerName);
    }

    private static HashSet<string> Types(TopicElementModel element)
    {
        var types = new HashSet<string>(StringComparer.Ordinal) { JsonType(element.Kind) };
        if (element.IsNullable) types.Add("null");
        return types;
    }

    private static HashSet<string> Types(TopicMemberModel member)
    {
        var types = new HashSet<string>(StringComparer.Ordinal) { JsonType(member.Kind) };
        if (member.IsNullable) types.Add("null");
        return types;
    }

    private static string Describe(HashSet<string> types) => string.Join("|", types.OrderBy(t => t, StringComparer.Ordinal));
}
