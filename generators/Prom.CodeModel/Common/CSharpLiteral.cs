using System.Globalization;
using System.Text;

namespace Prom.CodeModel;

/// <summary>C# literal text for values that generated code repeats (defaults and values read from user input).</summary>
public static class CSharpLiteral
{
    /// <summary>A C# regular string literal of any text (quotes, backslashes and control characters escaped).</summary>
    public static string String(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                case '\n': builder.Append("\\n"); break;
                case '\r': builder.Append("\\r"); break;
                default:
                    // Control characters and the line separators C# does not allow inside a literal.
                    if (c < 0x20 || c is '\u0085' or '\u2028' or '\u2029') builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }
}
