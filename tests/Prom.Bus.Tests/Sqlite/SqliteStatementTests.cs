using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Prom.Bus.Sqlite;
using Xunit;

namespace Prom.Bus.Tests.Sqlite;

/// <summary>
/// The store binds and reads values through raw prepared statements (SqliteStatement): the edge cases of that binding
/// round-trip unchanged through the file.
/// </summary>
public sealed class SqliteStatementTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("prom-bus-sqlite-stmt-").FullName;

    [Fact]
    public async Task EmptyPayload_LongNonAsciiStrings_AndNulls_RoundTripThroughTheFile()
    {
        // 700 three-byte characters: past the statement's stack buffer for UTF-8 (512 bytes), so the pooled path runs.
        string longKey = "k-" + new string('€', 700);
        string header = "ünïcödé ✓ " + new string('ß', 300);
        await using var store = new SqliteBusStore(Path.Combine(_dir, "bus.db"));
        await store.EnsureTopicAsync(new TopicConfig("edges"));
        var empty = new PendingRecord(Guid.NewGuid().ToString(), 1, "edges", longKey, 0,
            new Dictionary<string, string> { ["h"] = header }, ReadOnlyMemory<byte>.Empty, null, [], ["t1"]);
        var plain = new PendingRecord(Guid.NewGuid().ToString(), 2, "edges", null, 0,
            new Dictionary<string, string>(), new byte[] { 0, 1, 2, 255 }, "sid-1", ["cause"], []);
        await store.AppendAsync([empty, plain]);

        IReadOnlyList<EventRecord> read = await store.ReadAsync("edges", 0, 1, 10);
        Assert.Equal(2, read.Count);
        Assert.Equal(longKey, read[0].Key);
        Assert.Equal(header, read[0].Headers["h"]);
        Assert.Equal(0, read[0].Payload.Length); // stored as an empty BLOB (NULL would violate the NOT NULL column)
        Assert.Null(read[0].Sid);
        Assert.Equal(["t1"], read[0].Tags);
        Assert.Null(read[1].Key);
        Assert.Equal(new byte[] { 0, 1, 2, 255 }, read[1].Payload.ToArray());
        Assert.Equal("sid-1", read[1].Sid);
        Assert.Equal(["cause"], read[1].CausedBy);
        Assert.Equal(longKey, (await store.FindByIdAsync(empty.Id))!.Key);
        Assert.Equal(longKey, (await store.LatestByKeyAsync("edges")).Single().Key);
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
