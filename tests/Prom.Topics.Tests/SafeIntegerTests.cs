using System.Text;
using Xunit;

namespace Prom.Topics.Tests;

/// <summary>[SafeInteger]: the generated codec keeps 64-bit integers within ±(2^53 − 1) on both sides.</summary>
public sealed class SafeIntegerTests
{
    private const long Max = 9_007_199_254_740_991;

    [Fact]
    public void ValuesAtTheEdgesOfTheRange_RoundTrip()
    {
        foreach (long value in new[] { Max, -Max, 0L })
        {
            var beat = new HeartbeatV1(1, "a", "h", 0.5, value);
            Assert.Equal(beat, HeartbeatV1Topic.Deserialize(HeartbeatV1Topic.Serialize(beat)));
        }
    }

    [Fact]
    public void AValueBeyondTheRange_IsRefusedOnSerializeNamingTheMember()
    {
        var error = Assert.Throws<TopicPayloadException>(() => HeartbeatV1Topic.Serialize(new HeartbeatV1(1, "a", "h", 0.5, Max + 1)));
        Assert.Contains("Member 'MemMb' (JSON 'mem_mb')", error.Message);
        Assert.Contains("is 9007199254740992, outside ±(2^53 − 1) that [SafeInteger] promises", error.Message);
        Assert.Throws<TopicPayloadException>(() => HeartbeatV1Topic.Serialize(new HeartbeatV1(1, "a", "h", 0.5, long.MinValue)));
    }

    [Fact]
    public void AValueBeyondTheRange_IsRefusedOnReadNamingTheMember()
    {
        byte[] json = Encoding.UTF8.GetBytes("""{"pid":1,"name":"a","host":"h","cpu_pct":0.5,"mem_mb":-9007199254740992}""");
        var error = Assert.Throws<TopicPayloadException>(() => HeartbeatV1Topic.Deserialize(json));
        Assert.Contains("Member 'MemMb' (JSON 'mem_mb')", error.Message);
        Assert.Contains("must be an integer within ±(2^53 − 1) ([SafeInteger])", error.Message);
    }

    [Fact]
    public void TheSchemaCarriesTheRange() =>
        Assert.Contains("\"mem_mb\":{\"type\":\"integer\",\"format\":\"int64\",\"minimum\":-9007199254740991,\"maximum\":9007199254740991}", HeartbeatV1Topic.JsonSchema);
}
