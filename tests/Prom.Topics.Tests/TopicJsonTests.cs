using System;
using System.Text;
using System.Text.Json;
using Xunit;

namespace Prom.Topics.Tests;

public sealed class TopicJsonTests
{
    private static readonly TopicMemberInfo s_member = new("ping.sent", "Ping", "Seq", "seq");

    private static Utf8JsonReader At(string json)
    {
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json));
        Assert.True(reader.Read());
        return reader;
    }

    [Fact]
    public void Readers_AcceptTheirTokenAndRange()
    {
        var r = At("127"); Assert.Equal((sbyte)127, TopicJson.ReadSByte(ref r, s_member));
        r = At("255"); Assert.Equal((byte)255, TopicJson.ReadByte(ref r, s_member));
        r = At("-32768"); Assert.Equal(short.MinValue, TopicJson.ReadInt16(ref r, s_member));
        r = At("65535"); Assert.Equal(ushort.MaxValue, TopicJson.ReadUInt16(ref r, s_member));
        r = At("4294967295"); Assert.Equal(uint.MaxValue, TopicJson.ReadUInt32(ref r, s_member));
        r = At("-9223372036854775808"); Assert.Equal(long.MinValue, TopicJson.ReadInt64(ref r, s_member));
        r = At("18446744073709551615"); Assert.Equal(ulong.MaxValue, TopicJson.ReadUInt64(ref r, s_member));
        r = At("0.5"); Assert.Equal(0.5f, TopicJson.ReadSingle(ref r, s_member));
        r = At("1e300"); Assert.Equal(1e300, TopicJson.ReadDouble(ref r, s_member));
        r = At("1.25"); Assert.Equal(1.25m, TopicJson.ReadDecimal(ref r, s_member));
        r = At("true"); Assert.True(TopicJson.ReadBoolean(ref r, s_member));
        r = At("\"a\\u0041\""); Assert.Equal("aA", TopicJson.ReadString(ref r, s_member));
        r = At("\"0190f5c2-7b1e-7c3a-9f00-1234567890ab\""); Assert.Equal(Guid.Parse("0190f5c2-7b1e-7c3a-9f00-1234567890ab"), TopicJson.ReadGuid(ref r, s_member));
        r = At("\"2024-01-02T03:04:05Z\""); Assert.Equal(new DateTime(2024, 1, 2, 3, 4, 5, DateTimeKind.Utc), TopicJson.ReadDateTime(ref r, s_member));
        r = At("\"2024-01-02T03:04:05+02:00\""); Assert.Equal(TimeSpan.FromHours(2), TopicJson.ReadDateTimeOffset(ref r, s_member).Offset);
    }

    [Theory]
    [InlineData("256", "must be an integer from 0 to 255, found Number 256")]
    [InlineData("-1", "must be an integer from 0 to 255, found Number -1")]
    [InlineData("1.5", "must be an integer from 0 to 255, found Number 1.5")]
    [InlineData("\"7\"", "must be an integer from 0 to 255, found String 7")]
    [InlineData("null", "is required but null")]
    [InlineData("[1]", "must be an integer from 0 to 255, found StartArray")]
    public void WrongToken_NamesTheMemberAndWhatWasFound(string json, string problem)
    {
        var reader = At(json);
        TopicPayloadException error;
        try
        {
            TopicJson.ReadByte(ref reader, s_member);
            throw new Xunit.Sdk.XunitException("no exception");
        }
        catch (TopicPayloadException e)
        {
            error = e;
        }
        Assert.Equal("Seq", error.Member);
        Assert.Equal("seq", error.JsonName);
        Assert.Equal($"Member 'Seq' (JSON 'seq') of payload 'Ping' on topic 'ping.sent' {problem}.", error.Message);
    }

    [Fact]
    public void LongOffendingValues_AreCutInTheMessage()
    {
        var reader = At("\"" + new string('z', 500) + "\"");
        try
        {
            TopicJson.ReadInt32(ref reader, s_member);
            throw new Xunit.Sdk.XunitException("no exception");
        }
        catch (TopicPayloadException e)
        {
            Assert.Contains("found String " + new string('z', 40) + "…", e.Message);
            Assert.True(e.Message.Length < 200, e.Message);
        }
    }

    [Fact]
    public void Deserialize_RejectsNonObjectsAndBrokenJsonNamingThePayload()
    {
        TopicPayloadException notObject = Assert.Throws<TopicPayloadException>(() => PingTopic.Deserialize("42"u8));
        Assert.Equal("Payload 'Ping' of topic 'ping.sent' must be a JSON object, found Number.", notObject.Message);
        Assert.Null(notObject.Member);

        TopicPayloadException broken = Assert.Throws<TopicPayloadException>(() => PingTopic.Deserialize("{\"seq\":1,"u8));
        Assert.StartsWith("Payload 'Ping' of topic 'ping.sent' is not valid JSON:", broken.Message);

        TopicPayloadException empty = Assert.Throws<TopicPayloadException>(() => PingTopic.Deserialize(ReadOnlySpan<byte>.Empty));
        Assert.StartsWith("Payload 'Ping' of topic 'ping.sent' is", empty.Message);
    }

    [Fact]
    public void Serialize_RoundTripsThroughTheGeneratedCodecInARealBuild()
    {
        var ping = new Ping(7, "node-1", 0.25);
        byte[] json = PingTopic.Serialize(ping);
        Assert.Equal("{\"seq\":7,\"source\":\"node-1\",\"latency\":0.25}", Encoding.UTF8.GetString(json));
        Assert.Equal(ping, PingTopic.Deserialize(json));
        Assert.Equal(new Ping(7, "node-1"), PingTopic.Deserialize("{\"source\":\"node-1\",\"seq\":7}"u8));
    }

    [Fact]
    public void ReusedBuffers_GiveCorrectOutputAfterAHugePayloadAndAfterAFailure()
    {
        string big = new('b', 100_000);
        Assert.Equal(100_000 + 36, PingTopic.Serialize(new Ping(1, big)).Length); // {"seq":1,"source":"…","latency":null}
        Assert.Throws<TopicPayloadException>(() => PingTopic.Serialize(new Ping(2, "x", double.PositiveInfinity)));
        Assert.Equal("{\"seq\":3,\"source\":\"y\",\"latency\":null}", Encoding.UTF8.GetString(PingTopic.Serialize(new Ping(3, "y"))));
    }

    [Fact]
    public void BufferWriterOverload_WritesTheSameBytes()
    {
        var output = new System.Buffers.ArrayBufferWriter<byte>();
        TopicJson.Serialize(PingTopic.Codec, new Ping(4, "z", 1.5), output);
        Assert.Equal(PingTopic.Serialize(new Ping(4, "z", 1.5)), output.WrittenSpan.ToArray());
    }
}
