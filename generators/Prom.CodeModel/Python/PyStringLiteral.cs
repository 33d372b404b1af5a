using System.Globalization;
using System.Text;

namespace Prom.CodeModel.Python;

/// <summary>Decodes the value of a Python <c>str</c> literal token (no f-strings or bytes; those are not values here).</summary>
public static class PyStringLiteral
{
    /// <summary>The value of <paramref name="token"/>, or null when it is an f-string, bytes, or uses an escape we do not decode.</summary>
    public static string? TryDecode(string token)
    {
        int i = 0;
        bool raw = false;
        while (i < token.Length && token[i] != '\'' && token[i] != '"')
        {
            char p = char.ToLowerInvariant(token[i]);
            if (p is 'f' or 'b') return null;
            if (p == 'r') raw = true;
            i++;
        }
        if (i >= token.Length) return null;
        char quote = token[i];
        int q = i + 2 < token.Length && token[i + 1] == quote && token[i + 2] == quote ? 3 : 1;
        int end = token.Length - q;
        if (end < i + q) return null;
        string body = token.Substring(i + q, end - i - q);
        if (raw) return body;
        var value = new StringBuilder(body.Length);
        for (int k = 0; k < body.Length; k++)
        {
            char c = body[k];
            if (c != '\\')
            {
                value.Append(c);
                continue;
            }
            if (++k >= body.Length) return null;
            char e = body[k];
            switch (e)
            {
                case '\n': break;
                case '\\': value.Append('\\'); break;
                case '\'': value.Append('\''); break;
                case '"': value.Append('"'); break;
                case 'n': value.Append('\n'); break;
                case 't': value.Append('\t'); break;
                case 'r': value.Append('\r'); break;
                case '0' when k + 1 >= body.Length || body[k + 1] < '0' || body[k + 1] > '7': value.Append('\0'); break;
                case 'x' when k + 2 < body.Length && Hex(body.Substring(k + 1, 2), out int x):
                    value.Append((char)x);
                    k += 2;
                    break;
                case 'u' when k + 4 < body.Length && Hex(body.Substring(k + 1, 4), out int u):
                    value.Append((char)u);
                    k += 4;
                    break;
                default: return null; // octal, \N{...}, \U…, \a, \b, \f, \v, or an unknown escape kept literally: not decoded here
            }
        }
        return value.ToString();
    }

    private static bool Hex(string digits, out int value) =>
        int.TryParse(digits, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
}
