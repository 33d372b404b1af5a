using System.Globalization;
using System.Numerics;

namespace Prom.CodeModel.Python;

/// <summary>Python numeric literals as C# literal text (for default values).</summary>
public static class PyNumberLiteral
{
    /// <summary>An int literal (decimal, 0x, 0o, 0b, underscores) that fits in a long, as decimal text.</summary>
    public static bool TryInt(string text, out string? value)
    {
        value = null;
        string digits = text.Replace("_", "");
        BigInteger result;
        if (digits.Length > 2 && digits[0] == '0' && (digits[1] | 0x20) is 'x' or 'o' or 'b')
        {
            int radix = (digits[1] | 0x20) == 'x' ? 16 : (digits[1] | 0x20) == 'o' ? 8 : 2;
            result = BigInteger.Zero;
            for (int i = 2; i < digits.Length; i++)
            {
                int d = HexDigit(digits[i]);
                if (d < 0 || d >= radix) return false;
                result = (result * radix) + d;
            }
        }
        else
        {
            foreach (char c in digits)
            {
                if (c < '0' || c > '9') return false;
            }
            if (!BigInteger.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out result)) return false;
        }
        if (result > long.MaxValue) return false;
        value = result.ToString(CultureInfo.InvariantCulture);
        return true;
    }

    /// <summary>A finite float literal as C# double literal text.</summary>
    public static bool TryFloat(string text, out string? value)
    {
        value = null;
        string digits = text.Replace("_", "");
        if (digits.EndsWith("j") || digits.EndsWith("J")) return false; // complex
        if (!double.TryParse(digits, NumberStyles.Float, CultureInfo.InvariantCulture, out double d) || double.IsInfinity(d)) return false;
        string r = d.ToString("R", CultureInfo.InvariantCulture);
        value = r.Contains(".") || r.Contains("E") ? r : r + ".0";
        return true;
    }

    private static int HexDigit(char c) =>
        c >= '0' && c <= '9' ? c - '0' : (c | 0x20) >= 'a' && (c | 0x20) <= 'f' ? (c | 0x20) - 'a' + 10 : -1;
}
