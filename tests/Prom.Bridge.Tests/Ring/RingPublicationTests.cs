using System;
using System.Buffers.Binary;
using System.Diagnostics;
using System.IO;
using System.Text.Json;
using Prom.Bridge.Ring;
using Prom.Bridge.Tests.Fuzz;
using Xunit;

namespace Prom.Bridge.Tests.Ring;

/// <summary>
/// The published count of a ring channel as the reader sees it while the writer stores it. A reader that takes a
/// record whenever the count differs from its own taken count re-reads a consumed slot when it catches the writer
/// halfway through the store (CPython's <c>struct.pack_into</c> zeroes the field, then writes the value: a reader
/// in between sees 0): the ring bug that stopped the bridge with "Frame N arrived where frame N+1 was expected".
/// </summary>
public sealed class RingPublicationTests
{
    private static readonly string s_script = Path.Combine(AppContext.BaseDirectory, "Ring", "ring_publish.py");

    [Fact]
    public void ACountCaughtHalfStored_IsNotARecord_AndNoRecordIsTakenTwice()
    {
        using SharedRing ring = SharedRing.Create(256);
        RingChannel replies = ring.Replies;
        byte[] buffer = new byte[replies.MaxRecord];
        replies.PublishRaw(Record(1));
        Assert.Equal(8, replies.TryTake(buffer));
        Assert.Equal(1, BinaryPrimitives.ReadInt64LittleEndian(buffer));

        // The writer's next record: the bytes are in the slot, the count is caught halfway through its store (0).
        replies.PublishRaw(Record(2), published: 0);
        Assert.False(replies.HasRecord);
        Assert.Equal(-1, replies.TryTake(buffer));
        Assert.Equal(-1, replies.TryTake(buffer));

        replies.PublishRaw(Record(2), published: 2); // the store completes
        Assert.True(replies.HasRecord);
        Assert.Equal(8, replies.TryTake(buffer));
        Assert.Equal(2, BinaryPrimitives.ReadInt64LittleEndian(buffer));
        Assert.Equal(-1, replies.TryTake(buffer)); // taken once
        Assert.False(replies.HasRecord);
    }

    [Fact]
    public async System.Threading.Tasks.Task PythonsRealReplyPath_PublishesEachCountInOneStore_AndTheHostTakesEveryRecordOnceInOrder()
    {
        const int Records = 200_000;
        string directory = Directory.CreateTempSubdirectory("prom-ring-publish-").FullName;
        try
        {
            using SharedRing ring = SharedRing.Create(4096);
            RingChannel replies = ring.Replies;
            replies.SetReaderSleeping(false); // the reader watches the slot: no doorbells
            using Process python = Start(ProtocolFuzzPython.WriteRuntime(directory), ring.Path, Records);
            var stdout = python.StandardOutput.ReadToEndAsync();
            var stderr = python.StandardError.ReadToEndAsync();

            byte[] buffer = new byte[replies.MaxRecord];
            long next = 0;
            long highest = 0;
            int countWentBack = 0;
            string firstDrop = "";
            string wrong = "";
            var watch = Stopwatch.StartNew();
            for (long polls = 0; next < Records && wrong.Length == 0; polls++)
            {
                long published = replies.PublishedCount;
                if (published < highest && countWentBack++ == 0)
                {
                    firstDrop = $"{highest} -> {published} after {next} records";
                }

                highest = Math.Max(highest, published);
                int length = replies.TryTake(buffer);
                if (length >= 0)
                {
                    long value = length == 8 ? BinaryPrimitives.ReadInt64LittleEndian(buffer) : -1;
                    if (value != next)
                    {
                        wrong = $"record {value} ({length} bytes) where record {next} was due";
                    }

                    next++;
                }
                else if ((polls & 0xFFFF) == 0 && (python.HasExited || watch.Elapsed > TimeSpan.FromSeconds(90)))
                {
                    break;
                }
            }

            bool finished = python.WaitForExit(next == Records ? 30_000 : 1000);
            if (!finished)
            {
                python.Kill(); // it waits for a take that will not come
            }

            string errors = await stderr;
            Assert.Equal("", wrong);
            Assert.True(countWentBack == 0, $"the published count was seen going back {countWentBack} times (first {firstDrop}): a store seen halfway");
            Assert.Equal(Records, next);
            Assert.True(finished && python.ExitCode == 0, $"the publisher failed ({(finished ? python.ExitCode : "still running")}): {errors}");
            JsonElement summary = JsonDocument.Parse(await stdout).RootElement;
            Assert.Equal(Records, summary.GetProperty("published").GetInt32());
            Assert.Equal(0, summary.GetProperty("piped").GetInt32());
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static byte[] Record(long value)
    {
        byte[] record = new byte[12];
        BinaryPrimitives.WriteInt32LittleEndian(record, 8);
        BinaryPrimitives.WriteInt64LittleEndian(record.AsSpan(4), value);
        return record;
    }

    private static Process Start(string runtime, string ring, int records)
    {
        var info = new ProcessStartInfo(TestPython.Executable)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(s_script);
        info.ArgumentList.Add(runtime);
        info.ArgumentList.Add(ring);
        info.ArgumentList.Add(records.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return Process.Start(info)!;
    }
}
