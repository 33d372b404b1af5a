using System.Text;

namespace Prom.CodeModel;

/// <summary>Naming rules shared by every generator and analyzer.</summary>
public static class Naming
{
    /// <summary>
    /// Converts a C# member name to the snake_case name used in flattened paths and columns:
    /// <c>X</c> → <c>x</c>, <c>CpuPct</c> → <c>cpu_pct</c>, <c>HTTPCode</c> → <c>http_code</c>, <c>Pos2D</c> → <c>pos2_d</c>.
    /// Underscores and digits are kept; a leading <c>@</c> is dropped.
    /// </summary>
    public static string ToSnakeCase(string name)
    {
        name = name.TrimStart('@');
        var builder = new StringBuilder(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            char c = name[i];
            if (char.IsUpper(c))
            {
                bool previousIsLowerOrDigit = i > 0 && (char.IsLower(name[i - 1]) || char.IsDigit(name[i - 1]));
                bool acronymEnds = i > 0 && char.IsUpper(name[i - 1]) && i + 1 < name.Length && char.IsLower(name[i + 1]);
                if ((previousIsLowerOrDigit || acronymEnds) && builder.Length > 0 && builder[builder.Length - 1] != '_')
                {
                    builder.Append('_');
                }
                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}
