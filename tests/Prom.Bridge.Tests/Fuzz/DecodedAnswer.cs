using System;
using System.Collections;
using System.Globalization;
using System.Linq;
using System.Text;
using Prom.Bridge.Protocol;
using Prom.Bridge.Values;

namespace Prom.Bridge.Tests.Fuzz;

/// <summary>An answer as the bridge would hand it to its caller, rendered as text so that two can be compared exactly.</summary>
internal sealed record DecodedAnswer(long Id, bool Ok, string Text)
{
    public static DecodedAnswer Of(in ReceivedAnswer answer)
    {
        ResponseHeader header = answer.Header;
        if (!header.Ok)
        {
            Exception error = header.ToException();
            return new DecodedAnswer(header.Id, false, error.GetType().Name + ": " + error.Message);
        }

        try
        {
            object? value = new ValueDecoder(null, answer.Value, answer.Parts, discard: false).ReadRoot();
            return new DecodedAnswer(header.Id, true, Render(value));
        }
        catch (Exception e) when (e is not BridgeProtocolException)
        {
            return new DecodedAnswer(header.Id, false, e.GetType().Name + ": " + e.Message); // this call's error, as in Dispatch
        }
    }

    private static string Render(object? value) => value switch
    {
        null => "None",
        bool b => b ? "True" : "False",
        double d => d.ToString("R", CultureInfo.InvariantCulture) + "f",
        string s => "'" + s + "'",
        byte[] bytes => "b" + Convert.ToHexString(bytes),
        PyBuffer buffer => $"buffer({buffer.Dtype}, [{string.Join(",", buffer.Shape)}], {Convert.ToHexString(buffer.Data)})",
        object?[] tuple => "(" + string.Join(", ", tuple.Select(Render)) + ")",
        IDictionary dictionary => "{" + string.Join(", ", dictionary.Keys.Cast<object>().Select(k => Render(k) + ": " + Render(dictionary[k]))) + "}",
        IList list => "[" + string.Join(", ", list.Cast<object?>().Select(Render)) + "]",
        IFormattable number => value.GetType().Name + ":" + number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.GetType().Name,
    };
}
