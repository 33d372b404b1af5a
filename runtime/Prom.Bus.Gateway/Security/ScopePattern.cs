using System;

namespace Prom.Bus.Gateway.Security;

/// <summary>
/// A glob over topic or group names: <c>*</c> matches any run of characters (also none and dots), everything else
/// matches itself. Topic and group names cannot contain <c>*</c>, so a pattern is never ambiguous.
/// </summary>
public readonly struct ScopePattern
{
    private readonly string _pattern;

    /// <summary>Creates the pattern.</summary>
    public ScopePattern(string pattern)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        _pattern = pattern;
    }

    /// <summary>Whether <paramref name="name"/> matches (ordinal, whole name).</summary>
    public bool Matches(string name) => Match(_pattern.AsSpan(), name.AsSpan());

    /// <inheritdoc />
    public override string ToString() => _pattern;

    // Classic two-pointer glob: on a mismatch, backtrack to the last '*' and let it eat one more character. Linear in
    // practice, O(n·m) worst case, with no recursion (a hostile pattern cannot blow the stack).
    private static bool Match(ReadOnlySpan<char> p, ReadOnlySpan<char> s)
    {
        int pi = 0, si = 0, star = -1, mark = 0;
        while (si < s.Length)
        {
            if (pi < p.Length && p[pi] == '*')
            {
                star = pi++;
                mark = si;
            }
            else if (pi < p.Length && p[pi] == s[si])
            {
                pi++;
                si++;
            }
            else if (star >= 0)
            {
                pi = star + 1;
                si = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (pi < p.Length && p[pi] == '*')
        {
            pi++;
        }

        return pi == p.Length;
    }
}
