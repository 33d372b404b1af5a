using Prom.CodeModel;
using Xunit;

namespace Prom.SourceGenerators.Tests.Harness;

public sealed class NamingTests
{
    [Theory]
    [InlineData("X", "x")]
    [InlineData("CpuPct", "cpu_pct")]
    [InlineData("HTTPCode", "http_code")]
    [InlineData("Pos2D", "pos2_d")]
    [InlineData("memMb", "mem_mb")]
    [InlineData("already_snake", "already_snake")]
    [InlineData("Mixed_Case", "mixed_case")]
    [InlineData("@class", "class")]
    public void ToSnakeCase_FollowsTheDocumentedRules(string name, string expected) =>
        Assert.Equal(expected, Naming.ToSnakeCase(name));

    [Fact]
    public void EquatableArray_ComparesByValue()
    {
        var a = new[] { "x", "y" }.ToEquatableArray();
        var b = new[] { "x", "y" }.ToEquatableArray();
        var c = new[] { "y", "x" }.ToEquatableArray();
        Assert.Equal(a, b);
        Assert.Equal(a.GetHashCode(), b.GetHashCode());
        Assert.NotEqual(a, c);
        Assert.Equal(EquatableArray<string>.Empty, new string[0].ToEquatableArray());
    }
}
