namespace Prom;

/// <summary>
/// The topic-name and header-key rules of DESIGN §5 as plain character checks. This one file is compiled into both the
/// generator's code model (netstandard2.0: the [Topic] generator, the analyzers and the code fixes, through
/// <c>TopicRules</c>) and the bus runtime (<c>BusNames</c>, at publish time), so compile-time diagnostics and run-time
/// validation cannot drift apart.
/// </summary>
internal static class TopicNameRules
{
    /// <summary>Longest topic name the bus accepts.</summary>
    public const int MaxTopicLength = 200;

    /// <summary>The one header key allowed without the <c>x-</c> prefix.</summary>
    public const string ContentTypeHeader = "content-type";

    /// <summary>
    /// Whether <paramref name="name"/> matches <c>^[a-z0-9]+(\.[a-z0-9]+)*(\.v\d+)?$</c> (ASCII digits) and has at most
    /// <see cref="MaxTopicLength"/> characters. The optional <c>.vN</c> suffix is itself a <c>[a-z0-9]+</c> segment,
    /// so the rule is: one or more non-empty segments of <c>[a-z0-9]</c> joined by single dots.
    /// </summary>
    public static bool IsValidTopicName(string? name)
    {
        if (name is null || name.Length == 0 || name.Length > MaxTopicLength) return false;
        bool segmentEmpty = true;
        foreach (char c in name)
        {
            if (c == '.')
            {
                if (segmentEmpty) return false; // leading dot or two dots in a row
                segmentEmpty = true;
            }
            else if (IsLowerAlphanumeric(c))
            {
                segmentEmpty = false;
            }
            else
            {
                return false;
            }
        }

        return !segmentEmpty; // a trailing dot leaves an empty last segment
    }

    /// <summary>Whether <paramref name="key"/> is <c>content-type</c> or matches <c>^x-[a-z0-9-]+$</c>.</summary>
    public static bool IsValidHeaderKey(string? key)
    {
        if (key is null) return false;
        if (key == ContentTypeHeader) return true;
        if (key.Length < 3 || key[0] != 'x' || key[1] != '-') return false;
        for (int i = 2; i < key.Length; i++)
        {
            if (!IsLowerAlphanumeric(key[i]) && key[i] != '-') return false;
        }

        return true;
    }

    /// <summary>ASCII <c>[a-z0-9]</c>.</summary>
    public static bool IsLowerAlphanumeric(char c) => c is >= 'a' and <= 'z' or >= '0' and <= '9';
}
