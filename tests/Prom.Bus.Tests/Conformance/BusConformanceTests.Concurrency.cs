using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Bus.Tests.Conformance;

public abstract partial class BusConformanceTests
{
    [Fact]
    public async Task ConcurrentPublishers_GetUniqueContiguousOffsets_AndAnInvalidBatchFailsAlone()
    {
        await Bus.CreateTopicAsync(new TopicConfig("busy"));
        var empty = new Dictionary<string, string>();
        PendingRecord Pending(string topic) => new(UuidV7.NewId(), 1, topic, null, 0, empty, "1"u8.ToArray(), null, [], []);

        Task<IReadOnlyList<EventRecord>>[] writers = Enumerable.Range(0, 16).Select(w => Task.Run(async () =>
        {
            var mine = new List<EventRecord>();
            for (int i = 0; i < 20; i++)
            {
                mine.AddRange(await Store.AppendAsync([Pending("busy"), Pending("busy")]));
            }

            return (IReadOnlyList<EventRecord>)mine;
        })).ToArray();
        // Goes to the store directly with a topic that does not exist: only this batch fails.
        var bad = Assert.ThrowsAsync<BusException>(async () => await Store.AppendAsync([Pending("busy"), Pending("missing.topic")]));

        var all = (await Task.WhenAll(writers)).SelectMany(x => x).ToArray();
        Assert.Equal(BusErrorCode.UnknownTopic, (await bad).Code);
        Assert.Equal(640, all.Length);
        Assert.Equal(Enumerable.Range(1, 640).Select(i => (long)i), all.Select(r => r.Offset).Order());
        Assert.Equal(640, (await Store.ReadAsync("busy", 0, 1, 1000)).Count);
    }
}
