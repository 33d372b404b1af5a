using System;
using System.Collections.Generic;
using System.Linq;

namespace Prom;

/// <summary>
/// The compatibility rule for enum members, which go on the wire as their names: a reader reads a writer's records
/// when every name the writer may write is a name the reader knows. So adding a member is backward compatible (the
/// new version reads old records) but not forward; removing one is forward compatible but not backward; renaming one
/// is neither (keep the wire name with <c>[JsonStringEnumMemberName]</c> instead); renumbering or reordering changes
/// nothing on the wire. An enum read as a plain string is compatible (any name is a string); a plain string read as an
/// enum is not. This one file is compiled into the generators' code model (the compile-time check,
/// <c>TopicCompatibilityRules</c>) and the topics runtime (<c>SchemaCompatibility</c>, at registration), so the two
/// cannot drift apart.
/// </summary>
internal static class EnumCompatibilityRules
{
    /// <summary>The names <paramref name="writerNames"/> may write that <paramref name="readerNames"/> does not know, in ordinal order.</summary>
    public static List<string> UnknownToReader(IEnumerable<string> readerNames, IEnumerable<string> writerNames)
    {
        var known = new HashSet<string>(readerNames, StringComparer.Ordinal);
        return writerNames.Where(n => !known.Contains(n)).Distinct(StringComparer.Ordinal).OrderBy(n => n, StringComparer.Ordinal).ToList();
    }

    /// <summary>The problem when <paramref name="unknown"/> is not empty, for the member or field described by <paramref name="what"/>.</summary>
    public static string Describe(string what, IReadOnlyList<string> unknown, string readerName, string writerName) =>
        $"{what} may hold {string.Join(", ", unknown.Select(n => "'" + n + "'"))} in {writerName}, which {readerName} does not know " +
        "(an enum member removed or renamed; keep a renamed member's wire name with [JsonStringEnumMemberName])";

    /// <summary>The problem when the writer has a plain string and the reader an enum.</summary>
    public static string FromPlainString(string what, string readerName, string writerName) =>
        $"{what} is any string in {writerName} but an enum in {readerName}, which reads only its member names";
}
