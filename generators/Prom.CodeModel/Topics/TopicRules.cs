using System.Text;

namespace Prom.CodeModel.Topics;

/// <summary>
/// The naming rules of DESIGN §5 for topics and header keys for the generator, the analyzers and the code fixes: the
/// checks themselves are <see cref="TopicNameRules"/> (shared, as one source file, with the bus runtime's
/// <c>Prom.Bus.BusNames</c>); the normalizations here serve the code fixes.
/// </summary>
public static class TopicRules
{
    /// <summary>Longest topic name the bus accepts.</summary>
    public const int MaxTopicLength = TopicNameRules.MaxTopicLength;

    /// <summary>The header that carries a record's schema version.</summary>
    public const string SchemaVersionHeader = "x-schema-version";

    /// <summary>The one header key allowed without the <c>x-</c> prefix.</summary>
    public const string ContentTypeHeader = TopicNameRules.ContentTypeHeader;

    /// <summary>Whether <paramref name="name"/> is a valid topic name (see <see cref="TopicNameRules.IsValidTopicName"/>).</summary>
    public static bool IsValidTopicName(string? name) => TopicNameRules.IsValidTopicName(name);

    /// <summary>
    /// The closest valid topic name, for the code fix: word boundaries of camelCase become dots, letters are lowered,
    /// every other character becomes a dot, runs of dots collapse and leading/trailing dots go
    /// (<c>Foo.bar</c> → <c>foo.bar</c>, <c>foo-bar</c> → <c>foo.bar</c>, <c>changelog:processes</c> →
    /// <c>changelog.processes</c>, <c>HeartbeatReceived</c> → <c>heartbeat.received</c>). Null when nothing valid remains.
    /// </summary>
    public static string? NormalizeTopicName(string? name)
    {
        string? normalized = Normalize(name, '.');
        if (normalized is { Length: > MaxTopicLength }) normalized = normalized.Substring(0, MaxTopicLength).TrimEnd('.');
        return IsValidTopicName(normalized) ? normalized : null;
    }

    /// <summary>Whether a valid topic name ends in a version segment <c>.vN</c> (<c>foo.bar.v2</c>).</summary>
    public static bool HasVersionSuffix(string name)
    {
        int dot = name.LastIndexOf('.');
        if (dot < 0 || dot + 2 >= name.Length || name[dot + 1] != 'v') return false;
        for (int i = dot + 2; i < name.Length; i++)
        {
            if (name[i] is < '0' or > '9') return false;
        }
        return true;
    }

    /// <summary>Whether <paramref name="key"/> is a valid header key (see <see cref="TopicNameRules.IsValidHeaderKey"/>).</summary>
    public static bool IsValidHeaderKey(string? key) => TopicNameRules.IsValidHeaderKey(key);

    /// <summary>
    /// The closest valid header key, for the code fix: kebab-case of the key with <c>x-</c> in front
    /// (<c>correlationId</c> → <c>x-correlation-id</c>, <c>Content-Type</c> → <c>content-type</c>). Null when nothing remains.
    /// </summary>
    public static string? NormalizeHeaderKey(string? key)
    {
        string? kebab = Normalize(key, '-');
        if (kebab is null) return null;
        if (kebab == ContentTypeHeader) return kebab;
        string candidate = kebab.StartsWith("x-", System.StringComparison.Ordinal) ? kebab : "x-" + kebab;
        return IsValidHeaderKey(candidate) ? candidate : null;
    }

    private static bool IsLowerAlphanumeric(char c) => TopicNameRules.IsLowerAlphanumeric(c);

    private static bool IsUpper(char c) => c is >= 'A' and <= 'Z';

    private static string? Normalize(string? text, char separator)
    {
        if (text is null) return null;
        var builder = new StringBuilder(text.Length + 4);
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (IsUpper(c))
            {
                // A new word starts at an upper-case letter after a lower-case letter or digit (cpuPct → cpu.pct).
                bool wordStart = i > 0 && (IsLowerAlphanumeric(text[i - 1]) && !IsUpper(text[i - 1]));
                if (wordStart) builder.Append(separator);
                builder.Append((char)(c + ('a' - 'A')));
            }
            else if (IsLowerAlphanumeric(c))
            {
                builder.Append(c);
            }
            else
            {
                builder.Append(separator);
            }
        }

        // Collapse runs of separators and trim them at both ends.
        var result = new StringBuilder(builder.Length);
        foreach (char c in builder.ToString())
        {
            if (c == separator && (result.Length == 0 || result[result.Length - 1] == separator)) continue;
            result.Append(c);
        }
        if (result.Length > 0 && result[result.Length - 1] == separator) result.Length--;
        return result.Length == 0 ? null : result.ToString();
    }
}
