using System;
using System.Collections.Generic;
using System.Linq;
using System.Numerics;
using System.Text;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class ValueTests : IClassFixture<BridgeFixture>
{
    private readonly PyBridge _py;

    public ValueTests(BridgeFixture fixture) => _py = fixture.Py;

    [Fact]
    public async Task MathSqrt_ReturnsFour_InOneRoundTrip()
    {
        long before = (await _py.GetStatsAsync()).RequestsSent;

        double root = await _py.Import("math").Call<double>("sqrt", 16);

        long after = (await _py.GetStatsAsync()).RequestsSent;
        Assert.Equal(4.0, root);
        Assert.Equal(2, after - before); // the call itself plus the second stats request
    }

    [Fact]
    public async Task IntWithBaseKeyword_Returns255()
    {
        int value = await _py.Builtins.Call<int>("int", "ff", new PyKwargs { ["base"] = 16 });

        Assert.Equal(255, value);
    }

    [Fact]
    public async Task OneMegabyteEmojiString_RoundTripsExactly()
    {
        var text = new StringBuilder();
        string[] pieces = { "😀", "🐍", "é", "中", "\u0000", "\n", "𝄞", "a" };
        for (int i = 0; text.Length < 1 << 20; i++)
        {
            text.Append(pieces[i % pieces.Length]);
        }

        string sent = text.ToString();
        int codePoints = sent.EnumerateRunes().Count();

        string back = await _py.Builtins.Call<string>("str", sent);
        long pythonLength = await _py.Builtins.Call<long>("len", sent);

        Assert.Equal(sent, back);
        Assert.Equal(codePoints, pythonLength);
    }

    [Fact]
    public async Task ShortUnicodeString_RoundTripsThroughJson()
    {
        const string sent = "naïve 😀 \"quoted\" \\ back\tslash \u2028";

        Assert.Equal(sent, await _py.Builtins.Call<string>("str", sent));
        Assert.Equal(sent.EnumerateRunes().Count(), await _py.Builtins.Call<int>("len", sent));
    }

    [Fact]
    public async Task TwoToThe64_ArrivesExact_AndBigIntegersTravelBothWays()
    {
        BigInteger expected = BigInteger.Pow(2, 64);

        BigInteger value = await _py.Builtins.Call<BigInteger>("pow", 2, 64);
        object? boxed = await _py.Builtins.Call<object>("pow", 2, 64);
        BigInteger huge = BigInteger.Pow(3, 200) + 1;
        string asText = await _py.Builtins.Call<string>("str", huge);
        BigInteger doubled = await _py.Import("operator").Call<BigInteger>("mul", huge, 2);

        Assert.Equal(expected, value);
        Assert.Equal(expected, Assert.IsType<BigInteger>(boxed));
        Assert.Equal(huge.ToString(), asText);
        Assert.Equal(huge * 2, doubled);
    }

    [Fact]
    public async Task TooBigForInt64_IsAClearCastError()
    {
        var error = await Assert.ThrowsAsync<InvalidCastException>(() => _py.Builtins.Call<long>("pow", 2, 64));

        Assert.Contains("18446744073709551616", error.Message);
    }

    [Fact]
    public async Task NanAndInfinities_ArriveAsDoubles_AndTravelToPython()
    {
        PyPath builtins = _py.Builtins;

        double nan = await builtins.Call<double>("float", "nan");
        double inf = await builtins.Call<double>("float", "inf");
        double negInf = await builtins.Call<double>("float", "-inf");
        bool isNan = await _py.Import("math").Call<bool>("isnan", double.NaN);
        string infText = await builtins.Call<string>("repr", double.NegativeInfinity);
        object? list = await builtins.Call<object>("list", new object[] { new object[] { double.NaN, double.PositiveInfinity } });

        Assert.True(double.IsNaN(nan));
        Assert.Equal(double.PositiveInfinity, inf);
        Assert.Equal(double.NegativeInfinity, negInf);
        Assert.True(isNan);
        Assert.Equal("-inf", infText);
        var items = Assert.IsType<List<object?>>(list);
        Assert.True(double.IsNaN((double)items[0]!));
        Assert.Equal(double.PositiveInfinity, items[1]);
    }

    [Fact]
    public async Task ExtremeDoubles_RoundTripBitForBit()
    {
        double[] values = { 1e16, 5e-324, -0.0, 0.1, double.MaxValue, double.MinValue, 1.0 / 3 };

        foreach (double value in values)
        {
            double back = await _py.Builtins.Call<double>("float", value);
            Assert.Equal(BitConverter.DoubleToInt64Bits(value), BitConverter.DoubleToInt64Bits(back));
        }
    }

    [Fact]
    public async Task WholeDoubles_StayFloatsInPython()
    {
        string typeName = await _py.Builtins.Call<string>("repr", 1.0);
        object? back = await _py.Builtins.Call<object>("float", 3.0);

        Assert.Equal("1.0", typeName);
        Assert.Equal(3.0, Assert.IsType<double>(back));
    }

    [Fact]
    public async Task Scalars_NoneAndBools_RoundTrip()
    {
        PyObject ops = await _py.ImportAsync("operator");

        Assert.Null(await _py.Builtins.Call<object>("print"));
        Assert.True(await ops.Call<bool>("not_", false));
        Assert.Equal("None", await _py.Builtins.Call<string>("repr", (object?)null));
        Assert.Equal(7L, await _py.Builtins.Call<object>("abs", -7));
    }

    [Fact]
    public async Task ListsTuplesAndDicts_FollowTheValuePolicy()
    {
        PyObject code = await PythonCode.DefineAsync(_py, """
            def shapes():
                return [1, "two", (3.5, None), {"k": [True], 5: b"\x00\n"}]
            def kinds(x):
                return [type(v).__name__ for v in x]
            """);

        List<object?> result = await code.Call<List<object?>>("shapes");
        List<string> kinds = await code.Call<List<string>>("kinds", (object)
            new object?[] { new List<int> { 1 }, (1, "a"), new Dictionary<string, int> { ["a"] = 1 }, new int[] { 1, 2 }, new byte[] { 1 } });

        Assert.Equal(1L, result[0]);
        Assert.Equal("two", result[1]);
        object?[] tuple = Assert.IsType<object?[]>(result[2]);
        Assert.Equal(new object?[] { 3.5, null }, tuple);
        var dict = Assert.IsType<Dictionary<object, object?>>(result[3]);
        Assert.Equal(new List<object?> { true }, dict["k"]);
        Assert.Equal(new byte[] { 0, 10 }, dict[5L]);
        Assert.Equal(new[] { "list", "tuple", "dict", _py.HasNumpy ? "ndarray" : "memoryview", "bytes" }, kinds);
    }

    [Fact]
    public async Task TypedDictionary_ConvertsKeysAndValues_AndDictSubclassesAreHandles()
    {
        Dictionary<string, int> counts = await _py.Builtins.Call<Dictionary<string, int>>("dict", new PyKwargs { ["a"] = 2, ["b"] = 1 });
        object? counter = await _py.Import("collections").Attr("Counter").Invoke<object>("abca");

        Assert.Equal(new Dictionary<string, int> { ["a"] = 2, ["b"] = 1 }, counts);
        await using PyObject handle = Assert.IsType<PyObject>(counter);
        Assert.Equal(2, await handle.GetItem<int>("a"));
    }
}
