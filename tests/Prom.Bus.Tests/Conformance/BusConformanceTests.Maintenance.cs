using System;
using System.IO;
using System.Linq;
using System.Text;
using System.Text.Json;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task Compaction_KeepsTheLatestPerKey_AndGroupsPassTheDeletedOffsets()
    {
        foreach ((string key, int v) in new[] { ("k1", 1), ("k2", 2), ("k1", 3), ("k1", 4) })
        {
            await Bus.PublishAsync(PublishRequest.FromValue("state", v) with { Key = key });
        }

        await using Subscription early = await Bus.SubscribeAsync("state", "early", Opts(StartPosition.Earliest));
        Assert.Equal(2, await Bus.CompactAsync("state"));
        var left = await Store.ReadAsync("state", 0, 1, 10);
        Assert.Equal([2L, 4L], left.Select(r => r.Offset));

        var latest = await Bus.LatestByKeyAsync("state");
        Assert.Equal("4", latest["k1"].Text());
        Assert.Equal("2", latest["k2"].Text());

        var got = await early.ReceiveMany(2);
        Assert.Equal([2L, 4L], got.Select(d => d.Record.Offset));
        foreach (Delivery d in got)
        {
            await d.AckAsync();
        }

        Assert.Equal(4, await Watermark("state", "early"));

        // A group created after compaction starts over the deleted offsets and still reaches the head.
        await using Subscription late = await Bus.SubscribeAsync("state", "late", Opts(StartPosition.Earliest));
        var again = await late.ReceiveMany(2);
        Assert.Equal([2L, 4L], again.Select(d => d.Record.Offset));
        await again[1].AckAsync();
        await again[0].AckAsync();
        Assert.Equal(4, await Watermark("state", "late"));
    }

    [Fact]
    public async Task Retention_DeletesOldRecords_AndAdvancesWatermarksOverThem()
    {
        Microsoft.Extensions.Time.Testing.FakeTimeProvider clock = await UseFakeClock(); // the ages are exact, however slow the machine
        await Bus.CreateTopicAsync(new TopicConfig("logs", Retention: TimeSpan.FromMilliseconds(300)));
        await PublishTexts("logs", "old1", "old2");
        await using Subscription sub = await Bus.SubscribeAsync("logs", "reader", Opts(StartPosition.Earliest, window: 1));
        Delivery held = await sub.ReceiveWithin(); // leased, never acked, then deleted by retention
        clock.Advance(TimeSpan.FromMilliseconds(400));
        await PublishTexts("logs", "new");
        Assert.Equal(2, await Bus.ApplyRetentionAsync("logs"));
        Assert.Equal(2, await Watermark("logs", "reader"));
        Assert.Equal([3L], (await Store.ReadAsync("logs", 0, 1, 10)).Select(r => r.Offset));
        Assert.Equal(1, held.Record.Offset);
    }

    [Fact]
    public async Task ReplayAndNdjsonExport_ReturnEveryRecordWithItsFields()
    {
        EventRecord[] published = await PublishTexts("audit", "a", "b", "c");
        var replayed = await Bus.ReplayAsync("audit", StartPosition.AtOffset(2)).ToListAsync();
        Assert.Equal([2L, 3L], replayed.Select(r => r.Offset));

        using var buffer = new MemoryStream();
        Assert.Equal(3, await Bus.ExportNdjsonAsync("audit", buffer, StartPosition.Earliest));
        string[] lines = Encoding.UTF8.GetString(buffer.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(3, lines.Length);
        for (int i = 0; i < 3; i++)
        {
            using JsonDocument doc = JsonDocument.Parse(lines[i]);
            EventRecord back = RecordJson.Read(doc.RootElement);
            Assert.Equal(published[i].Id, back.Id);
            Assert.Equal(published[i].Offset, back.Offset);
            Assert.Equal(published[i].Text(), back.Text());
        }
    }

    [Fact]
    public async Task IdempotencyKeys_AreRememberedUntilTheirTtl_AndPurged()
    {
        long now = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        Assert.False(await Store.IsProcessedAsync("t::g::id1", now));
        await Store.MarkProcessedAsync("t::g::id1", now + 10_000);
        await Store.MarkProcessedAsync("t::g::id2", now - 1);
        Assert.True(await Store.IsProcessedAsync("t::g::id1", now));
        Assert.False(await Store.IsProcessedAsync("t::g::id2", now));
        Assert.Equal(1, await Store.PurgeProcessedAsync(now));
        Assert.True(await Store.IsProcessedAsync("t::g::id1", now));
    }
}
