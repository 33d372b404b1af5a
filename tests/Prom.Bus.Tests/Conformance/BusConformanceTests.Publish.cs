using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task PublishThree_OffsetsStartAtOne_EarliestGroupGetsEachOnceInOrder_WatermarkEndsAtThree()
    {
        EventRecord[] published = await PublishTexts("orders", "one", "two", "three");
        Assert.Equal([1L, 2L, 3L], published.Select(r => r.Offset));
        Assert.All(published, r => Assert.Equal(0, r.Partition));
        Assert.Equal(published.Select(r => r.Id).Order(System.StringComparer.Ordinal), published.Select(r => r.Id));

        await using Subscription sub = await Bus.SubscribeAsync("orders", "billing", Opts(StartPosition.Earliest));
        var got = await sub.ReceiveMany(3);
        Assert.Equal(["\"one\"", "\"two\"", "\"three\""], got.Select(d => d.Record.Text()));
        Assert.All(got, d => Assert.Equal(1, d.Attempt));
        foreach (Delivery d in got)
        {
            await d.AckAsync();
        }

        await sub.AssertNothingWithin(150);
        Assert.Equal(3, await Watermark("orders", "billing"));
    }

    [Fact]
    public async Task Latest_DeliversNothingHistoric_ThenDeliversALaterPublish()
    {
        await PublishTexts("orders", "old1", "old2");
        await using Subscription sub = await Bus.SubscribeAsync("orders", "fresh", Opts(StartPosition.Latest));
        await sub.AssertNothingWithin(150);
        await PublishTexts("orders", "new");
        Delivery d = await sub.ReceiveWithin();
        Assert.Equal("\"new\"", d.Record.Text());
        Assert.Equal(3, d.Record.Offset);
    }

    [Fact]
    public async Task Resubscribe_SameGroup_IgnoresFromAndResumesAtWatermark()
    {
        await PublishTexts("orders", "a", "b", "c");
        await using (Subscription first = await Bus.SubscribeAsync("orders", "g", Opts(StartPosition.Latest)))
        {
            await first.AssertNothingWithin(50);
        }

        await using Subscription again = await Bus.SubscribeAsync("orders", "g", Opts(StartPosition.Earliest));
        await again.AssertNothingWithin(150);
        await PublishTexts("orders", "d");
        Assert.Equal(4, (await again.ReceiveWithin()).Record.Offset);
    }

    [Fact]
    public async Task TimestampStart_BeginsAtFirstRecordAtOrAfterTheTime()
    {
        await PublishTexts("orders", "a", "b");
        await Task.Delay(30);
        EventRecord[] later = await PublishTexts("orders", "c", "d");
        await using Subscription sub = await Bus.SubscribeAsync("orders", "ts", Opts(StartPosition.AtTimestamp(later[0].Ts)));
        Assert.Equal([3L, 4L], (await sub.ReceiveMany(2)).Select(d => d.Record.Offset));
        await sub.AssertNothingWithin(100);
    }

    [Fact]
    public async Task AfterIdStart_BeginsRightAfterThatRecord()
    {
        EventRecord[] r = await PublishTexts("orders", "a", "b", "c", "d");
        await using Subscription sub = await Bus.SubscribeAsync("orders", "after", Opts(StartPosition.AfterId(r[1].Id)));
        Assert.Equal([3L, 4L], (await sub.ReceiveMany(2)).Select(d => d.Record.Offset));
    }

    [Fact]
    public async Task OffsetStart_BeginsAtThatOffset()
    {
        await PublishTexts("orders", "a", "b", "c");
        await using Subscription sub = await Bus.SubscribeAsync("orders", "off", Opts(StartPosition.AtOffset(2)));
        Assert.Equal([2L, 3L], (await sub.ReceiveMany(2)).Select(d => d.Record.Offset));
        Assert.Equal(1, await Watermark("orders", "off"));
    }

    [Fact]
    public async Task Publish_KeepsHeadersCauseTagsSidAndPayload_AndKeyPicksJumpHashPartition()
    {
        await Bus.CreateTopicAsync(new TopicConfig("metrics", Partitions: 8));
        EventRecord r = await Bus.PublishAsync(PublishRequest.FromJson("metrics", """{"cpu":12.5}"""));
        EventRecord keyed = await Bus.PublishAsync(new PublishRequest("metrics", "{\"x\":1}"u8.ToArray())
        {
            Key = "proc:stt",
            Headers = new System.Collections.Generic.Dictionary<string, string> { ["x-trace"] = "t1", ["content-type"] = "application/json" },
            CausedBy = [r.Id],
            Tags = ["hot"],
            Sid = "s1",
        });
        Assert.Equal(JumpHash.Partition("proc:stt", 8), keyed.Partition);
        EventRecord stored = (await Store.FindByIdAsync(keyed.Id))!;
        Assert.Equal("t1", stored.Headers["x-trace"]);
        Assert.Equal([r.Id], stored.CausedBy);
        Assert.Equal(["hot"], stored.Tags);
        Assert.Equal("s1", stored.Sid);
        Assert.Equal("proc:stt", stored.Key);
        Assert.Equal(1, stored.PayloadJson().GetProperty("x").GetInt32());
    }

    [Fact]
    public async Task KeylessPublishes_RoundRobinOverPartitions()
    {
        await Bus.CreateTopicAsync(new TopicConfig("rr", Partitions: 3));
        EventRecord[] r = await PublishTexts("rr", "a", "b", "c", "d", "e", "f");
        Assert.Equal([2, 2, 2], r.GroupBy(x => x.Partition).OrderBy(g => g.Key).Select(g => g.Count()));
    }

    [Fact]
    public async Task PublishWithExistingId_ReturnsTheStoredRecordInsteadOfADuplicate()
    {
        string id = UuidV7.NewId();
        EventRecord first = await Bus.PublishAsync(PublishRequest.FromJson("outboxed", "1") with { Id = id });
        EventRecord second = await Bus.PublishAsync(PublishRequest.FromJson("outboxed", "2") with { Id = id });
        Assert.Equal(first.Offset, second.Offset);
        Assert.Equal("1", second.Text());
        Assert.Equal(1, (await Bus.GetGroupStateAsync("outboxed", await JoinAsync("outboxed", "probe")))[0].Head);
    }

    private async Task<string> JoinAsync(string topic, string group)
    {
        await using Subscription s = await Bus.SubscribeAsync(topic, group, Opts(StartPosition.Latest));
        return group;
    }
}
