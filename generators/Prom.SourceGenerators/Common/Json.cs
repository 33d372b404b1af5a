using System.Globalization;
using System.Text;

namespace Prom.SourceGenerators.Common;

/// <summary>JSON and C# string literal helpers for emitted text.</summary>
internal static class Json
{
    /// <summary>A JSON string literal.</summary>
    public static string Quote(string value)
    {
        var builder = new StringBuilder(value.Length + 2).Append('"');
        foreach (char c in value)
        {
            switch (c)
            {
                case '"': builder.Append("\\\""); break;
                case '\\': builder.Append("\\\\"); break;
                default:
                    if (c < 0x20) builder.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    else builder.Append(c);
                    break;
            }
        }
        return builder.Append('"').ToString();
    }

    /// <summary>A C# regular string literal of any text (quotes, backslashes and control characters escaped).</summary>
    public static string CSharpLiteral(string value) => Prom.CodeModel.CSharpLiteral.String(value);
}
