using System.Text.Json;
using Xunit;

namespace Prom.Bus.Gateway.Tests;

/// <summary>One server frame as the test saw it.</summary>
internal sealed class WireFrame(JsonElement root, string raw)
{
    public JsonElement Root { get; } = root;

    public string Raw { get; } = raw;

    public string Op => Root.GetProperty("op").GetString()!;

    public string? Code => Root.TryGetProperty("code", out JsonElement c) ? c.GetString() : null;

    public string Str(string name) => Root.GetProperty(name).GetString()!;

    public long Num(string name) => Root.GetProperty(name).GetInt64();

    public WireFrame AssertOk()
    {
        Assert.True(Op == "OK", $"Expected OK, got {Raw}");
        return this;
    }

    public WireFrame AssertErr(string code)
    {
        Assert.True(Op == "ERR" && Code == code, $"Expected ERR {code}, got {Raw}");
        return this;
    }

    public override string ToString() => Raw;
}
