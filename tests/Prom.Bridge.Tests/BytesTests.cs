using System;
using System.Linq;
using System.Security.Cryptography;
using System.Threading.Tasks;
using Prom.Bridge;
using Xunit;

namespace Prom.Bridge.Tests;

public sealed class BytesTests : IClassFixture<BridgeFixture>
{
    private readonly PyBridge _py;

    public BytesTests(BridgeFixture fixture) => _py = fixture.Py;

    [Fact]
    public async Task SixtyFourMebibytes_GoToPythonAndBack_WithEqualSha256_AndNoBase64OnTheWire()
    {
        byte[] data = new byte[64 << 20];
        new Random(7).NextBytes(data);
        string expected = Convert.ToHexStringLower(SHA256.HashData(data));
        PyBridgeStats before = await _py.GetStatsAsync();

        string pythonHash = await _py.Import("hashlib").Then("sha256", data).Call<string>("hexdigest");
        byte[] back = await _py.Builtins.Call<byte[]>("bytes", data);

        PyBridgeStats after = await _py.GetStatsAsync();
        Assert.Equal(expected, pythonHash);
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(back)));
        // Two uploads and one download of 64 MiB: raw bytes plus a few hundred bytes of frames. Base64 would be 4/3 of that.
        long payload = 64L << 20;
        Assert.InRange(after.BytesSent - before.BytesSent, 2 * payload, 2 * payload + 4096);
        Assert.InRange(after.BytesReceived - before.BytesReceived, payload, payload + 4096);
    }

    [Fact]
    public async Task FramesFullOfNewlines_Work()
    {
        byte[] newlines = Enumerable.Repeat((byte)0x0A, 0x0A0A).ToArray();
        string text = new string('\n', 0x0A0A);

        byte[] back = await _py.Builtins.Call<byte[]>("bytes", newlines);
        int count = await _py.Builtins.Call<int>("len", newlines);
        string textBack = await _py.Builtins.Call<string>("str", text);
        string shortText = await _py.Builtins.Call<string>("str", "\n\n\n");

        Assert.Equal(newlines, back);
        Assert.Equal(0x0A0A, count);
        Assert.Equal(text, textBack);
        Assert.Equal("\n\n\n", shortText);
    }

    [Fact]
    public async Task BytesCreatedInPython_ArriveAsByteArrays()
    {
        byte[] zeros = await _py.Builtins.Call<byte[]>("bytes", 1000);
        byte[] encoded = await _py.Import("codecs").Call<byte[]>("encode", "héllo", "utf-8");
        byte[] mutable = await _py.Builtins.Call<byte[]>("bytearray", new byte[] { 1, 2, 3 });

        Assert.Equal(new byte[1000], zeros);
        Assert.Equal("héllo"u8.ToArray(), encoded);
        Assert.Equal(new byte[] { 1, 2, 3 }, mutable);
    }

    [Fact]
    public async Task EmptyBytes_RoundTrip()
    {
        Assert.Empty(await _py.Builtins.Call<byte[]>("bytes", Array.Empty<byte>()));
    }
}
