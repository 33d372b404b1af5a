using System.Collections.Generic;
using System.Linq;

namespace Prom.Topics.Registry;

/// <summary>
/// The compatibility rules between two versions of a payload schema, with the meanings of Confluent Schema Registry:
/// <em>backward</em> — a reader of the new version reads data written with the old one; <em>forward</em> — a reader of
/// the old version reads data written with the new one. Enum properties follow <see cref="EnumCompatibilityRules"/>, the
/// rule the compile-time check applies too.
/// </summary>
internal static class SchemaCompatibility
{
    /// <summary>Why a reader of <paramref name="reader"/> cannot read data written with <paramref name="writer"/>, or empty.</summary>
    public static IEnumerable<string> ReaderProblems(SchemaShape reader, SchemaShape writer, string readerName, string writerName)
    {
        foreach (string field in reader.Required.OrderBy(f => f, System.StringComparer.Ordinal))
        {
            // A nested field matters only where the writer has its parent object (a new optional object may be absent).
            string parent = SchemaShape.ParentOf(field);
            if (parent.Length > 0 && !writer.Properties.ContainsKey(parent)) continue;
            if (!writer.Required.Contains(field))
            {
                yield return writer.Properties.ContainsKey(field)
                    ? $"field '{field}' is required in {readerName} but optional in {writerName}, whose records may lack it"
                    : $"field '{field}' is required in {readerName} but does not exist in {writerName}";
            }
        }
        foreach (KeyValuePair<string, HashSet<string>> field in reader.Properties.OrderBy(f => f.Key, System.StringComparer.Ordinal))
        {
            if (writer.Properties.TryGetValue(field.Key, out HashSet<string>? written) && !written.IsSubsetOf(field.Value))
            {
                yield return $"field '{field.Key}' changes type from {Describe(written)} in {writerName} to {Describe(field.Value)} in {readerName}";
            }
            else if (written is not null && reader.Enums.TryGetValue(field.Key, out List<string>? readNames))
            {
                string what = $"field '{field.Key}'";
                if (!writer.Enums.TryGetValue(field.Key, out List<string>? writtenNames))
                {
                    yield return EnumCompatibilityRules.FromPlainString(what, readerName, writerName);
                    continue;
                }
                List<string> unknown = EnumCompatibilityRules.UnknownToReader(readNames, writtenNames);
                if (unknown.Count > 0) yield return EnumCompatibilityRules.Describe(what, unknown, readerName, writerName);
            }
        }
    }

    private static string Describe(HashSet<string> types) => string.Join("|", types.OrderBy(t => t, System.StringComparer.Ordinal));
}
