using System;
using System.Text;

namespace Prom.Bus.Gateway.Tests;

/// <summary>
/// A deterministic generator of malformed and hostile client frames: random bytes, invalid UTF-8, JSON that is not an
/// object, unknown ops, every op with missing, mistyped, out-of-range or absurd fields, deep nesting, huge numbers,
/// long strings, ids another connection holds. Same seed, same frames.
/// </summary>
internal sealed class HostileFrames(int seed, string[] heldIds)
{
    private static readonly string[] s_ops = ["AUTH", "PUBLISH", "SUBSCRIBE", "UNSUBSCRIBE", "ACK", "NACK", "RELEASE", "MODACK", "PAUSE", "RESUME", "FLOW", "PING"];
    private static readonly string[] s_fields = ["topic", "group", "id", "payload", "key", "headers", "partition", "opts", "token", "reason", "delay_ms", "extend_ms", "credits", "corr", "tags", "caused_by", "sid"];

    private readonly Random _r = new(seed);

    /// <summary>
    /// The next frame and whether it is binary. Random bytes go out as binary frames: a text frame that is not UTF-8
    /// fails the WebSocket itself (RFC 6455, close 1007) before the protocol sees it; that is tested on its own.
    /// </summary>
    public (byte[] Bytes, bool Binary) Next() => _r.Next(10) switch
    {
        0 => (RandomBytes(), true),
        1 => (Encoding.UTF8.GetBytes(_r.Next(2) == 0 ? NotAnObject() : RandomText(_r.Next(1, 100))), false),
        _ => (Encoding.UTF8.GetBytes(NextJsonish()), false),
    };

    private string NextJsonish() => _r.Next(8) switch
    {
        0 => Truncated(Mutated()),
        1 => DeepNesting(),
        _ => Mutated(),
    };

    private byte[] RandomBytes()
    {
        var b = new byte[_r.Next(0, 200)];
        _r.NextBytes(b);
        return b;
    }

    private string NotAnObject() => _r.Next(6) switch
    {
        0 => "[]",
        1 => "null",
        2 => "\"PUBLISH\"",
        3 => "12345678901234567890123",
        4 => "[{\"op\":\"PING\"}]",
        _ => "",
    };

    private string Truncated(string json) => json.Length < 2 ? json : json[.._r.Next(1, json.Length)];

    private string DeepNesting()
    {
        int depth = _r.Next(60, 400);
        return "{\"op\":\"PUBLISH\",\"topic\":\"fuzz.deep\",\"payload\":" + new string('[', depth) + new string(']', depth) + "}";
    }

    /// <summary>An op (known or not) with each field present, absent or replaced by a value of a random type.</summary>
    private string Mutated()
    {
        var sb = new StringBuilder("{");
        bool first = true;
        void Field(string name, string value)
        {
            if (!first)
            {
                sb.Append(',');
            }

            first = false;
            sb.Append('"').Append(name).Append("\":").Append(value);
        }

        int opKind = _r.Next(12);
        if (opKind < 10)
        {
            Field("op", Quote(s_ops[_r.Next(s_ops.Length)]));
        }
        else if (opKind == 10)
        {
            Field("op", AnyValue());
        }

        foreach (string f in s_fields)
        {
            if (_r.Next(3) == 0)
            {
                continue;
            }

            Field(f, _r.Next(3) == 0 ? AnyValue() : Plausible(f));
        }

        sb.Append('}');
        return sb.ToString();
    }

    private string Plausible(string field) => field switch
    {
        "topic" => Quote(_r.Next(4) == 0 ? "fuzz." + _r.Next(3) : "fuzz.t"),
        "group" => Quote(_r.Next(4) == 0 ? "g" + _r.Next(3) : "witness"),
        "id" => Quote(heldIds.Length > 0 && _r.Next(2) == 0 ? heldIds[_r.Next(heldIds.Length)] : Guid.NewGuid().ToString()),
        "payload" => AnyValue(),
        "partition" or "delay_ms" or "extend_ms" or "credits" => _r.Next(4) switch
        {
            0 => "-1",
            1 => "1e300",
            2 => "99999999999999999999",
            _ => _r.Next(0, 5).ToString(System.Globalization.CultureInfo.InvariantCulture),
        },
        "opts" => "{\"max_inflight\":" + AnyValue() + ",\"from\":" + AnyValue() + ",\"ack_timeout_ms\":" + AnyValue() + "}",
        "headers" => "{\"x-a\":" + AnyValue() + ",\"" + RandomText(8) + "\":\"v\"}",
        "corr" => _r.Next(3) == 0 ? AnyValue() : Quote("f" + _r.Next()),
        "token" => Quote(RandomText(12)),
        _ => AnyValue(),
    };

    private string AnyValue() => _r.Next(10) switch
    {
        0 => "null",
        1 => "true",
        2 => _r.Next(-1000, 1000).ToString(System.Globalization.CultureInfo.InvariantCulture),
        3 => "1.5e308",
        4 => Quote(RandomText(_r.Next(0, 40))),
        5 => Quote(new string('x', _r.Next(300, 3000))),
        6 => "[1,\"a\",{\"b\":null}]",
        7 => "{\"nested\":{\"deeper\":[true,false]}}",
        8 => "\"\\ud800\"", // a lone surrogate escape
        _ => "{}",
    };

    private string RandomText(int length)
    {
        var chars = new char[length];
        for (int i = 0; i < length; i++)
        {
            chars[i] = (char)_r.Next(0x20, 0x2FF);
        }

        return new string(chars);
    }

    private static string Quote(string s) => System.Text.Json.JsonSerializer.Serialize(s);
}
