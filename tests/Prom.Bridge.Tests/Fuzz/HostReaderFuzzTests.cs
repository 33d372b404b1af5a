using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
using System.Linq;
using Prom.Bridge.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace Prom.Bridge.Tests.Fuzz;

/// <summary>
/// Python → host: a valid answer stream written by the real Python runtime's encoder, mutated 70,000 times (seeded);
/// each mutant read by the host's real reader and decoder. Every answer decoded must be the answer of the unmutated
/// stream for that id, and the stream must end cleanly or with a typed error. Never a wrong result, never a crash.
/// </summary>
public sealed class HostReaderFuzzTests
{
    private const int Seed = 20261201;
    private const int Cases = 70_000;
    private readonly ITestOutputHelper _output;

    public HostReaderFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public void MutatedAnswerStreams_EndInATypedErrorOrTheRightAnswers_NeverAWrongOne()
    {
        string directory = Directory.CreateTempSubdirectory("prom-fuzz-").FullName;
        try
        {
            string answers = Path.Combine(directory, "answers.bin");
            ProtocolFuzzPython.Run(TimeSpan.FromSeconds(60), "answers", ProtocolFuzzPython.WriteRuntime(directory), answers);
            byte[] valid = File.ReadAllBytes(answers);
            List<DecodedAnswer> baseline = Read(valid, out Exception? cleanEnd);
            Assert.Null(cleanEnd);
            Assert.Equal(17, baseline.Count);
            Assert.Contains(baseline, a => !a.Ok && a.Text.Contains("caf\\udce9")); // the unencodable error arrived, escaped
            Dictionary<long, DecodedAnswer> expected = baseline.ToDictionary(a => a.Id);

            List<byte[]> frames = FrameMutator.Split(valid);
            var random = new Random(Seed);
            var tally = new FuzzTally(expected, baseline.Count);
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Cases; i++)
            {
                byte[] mutant = FrameMutator.Mutate(frames, random, out string kind);
                List<DecodedAnswer> got = Read(mutant, out Exception? end);
                tally.Add(i, kind, got, end, end is null or BridgeProtocolException or EndOfStreamException);
            }

            _output.WriteLine($"{Cases} cases in {watch.Elapsed}: {tally}");
            tally.AssertNeverWrong(Cases, FrameMutator.Kinds);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void MutatedRingRecords_EndInATypedErrorOrTheRightAnswers_NeverAWrongOne()
    {
        const int ringCases = 20_000;
        string directory = Directory.CreateTempSubdirectory("prom-fuzz-").FullName;
        Prom.Bridge.Ring.SharedRing ring = Prom.Bridge.Ring.SharedRing.Create();
        try
        {
            string answers = Path.Combine(directory, "answers.bin");
            ProtocolFuzzPython.Run(TimeSpan.FromSeconds(60), "answers", ProtocolFuzzPython.WriteRuntime(directory), answers);
            byte[] valid = File.ReadAllBytes(answers);
            List<byte[]> records = Messages(valid).Where(m => m.Length <= ring.Replies.MaxRecord).Select(m => RingMutator.Record(m)).ToList();
            List<DecodedAnswer> baseline = ReadRecords(ring, records, out Exception? cleanEnd);
            Assert.Null(cleanEnd);
            Assert.Equal(records.Count, baseline.Count);
            Assert.True(baseline.Count >= 15, $"{baseline.Count} answers fit a ring slot");
            Dictionary<long, DecodedAnswer> expected = baseline.ToDictionary(a => a.Id);

            var random = new Random(Seed + 1);
            var tally = new FuzzTally(expected, baseline.Count);
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < ringCases; i++)
            {
                List<byte[]> mutant = RingMutator.Mutate(records, random, out string kind);
                List<DecodedAnswer> got = ReadRecords(ring, mutant, out Exception? end);
                tally.Add(i, kind, got, end, end is null or BridgeProtocolException);
                if (end is not null)
                {
                    // A bridge stops at a protocol error, and so does its ring (a record refused mid-take stays untaken).
                    ring.Dispose();
                    ring = Prom.Bridge.Ring.SharedRing.Create();
                }
            }

            _output.WriteLine($"{ringCases} ring cases in {watch.Elapsed}: {tally}");
            tally.AssertNeverWrong(ringCases, RingMutator.Kinds);
        }
        finally
        {
            ring.Dispose();
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>The messages of a valid answer stream (a JSON frame and its parts, or a ping), as byte ranges.</summary>
    private static List<byte[]> Messages(byte[] stream)
    {
        List<byte[]> frames = FrameMutator.Split(stream);
        var messages = new List<byte[]>();
        for (int i = 0; i < frames.Count;)
        {
            int parts = frames[i][4] == (byte)FrameKind.Json ? ResponseHeader.Parse(frames[i].AsSpan(FrameHeader.Size)).PartCount : 0;
            messages.Add(frames.Skip(i).Take(1 + parts).SelectMany(f => f).ToArray());
            i += 1 + parts;
        }

        return messages;
    }

    /// <summary>
    /// Publishes each record into the ring's reply slot and reads it back exactly as the bridge does
    /// (<see cref="Prom.Bridge.Ring.RingChannel.TryTake"/>, then <see cref="AnswerReader.ReadRecord"/>), one frame sequence across all.
    /// </summary>
    private static List<DecodedAnswer> ReadRecords(Prom.Bridge.Ring.SharedRing ring, List<byte[]> records, out Exception? end)
    {
        var reader = new FrameReader(new MemoryStream(Array.Empty<byte>(), writable: false));
        byte[] copy = new byte[ring.Replies.MaxRecord];
        var answers = new List<DecodedAnswer>();
        end = null;
        try
        {
            foreach (byte[] record in records)
            {
                ring.Replies.PublishRaw(record.AsSpan(0, Math.Min(record.Length, ring.Replies.Capacity)));
                int length = ring.Replies.TryTake(copy);
                ReceivedAnswer answer = AnswerReader.ReadRecord(reader, copy, length);
                try
                {
                    answers.Add(DecodedAnswer.Of(answer));
                }
                finally
                {
                    answer.Return();
                }
            }
        }
        catch (Exception e)
        {
            end = e;
        }

        return answers;
    }

    /// <summary>Reads a stream to its end with the bridge's own reader and value decoder; <paramref name="end"/> is what stopped it.</summary>
    private static List<DecodedAnswer> Read(byte[] stream, out Exception? end)
    {
        var reader = new FrameReader(new MemoryStream(stream, writable: false));
        var answers = new List<DecodedAnswer>();
        end = null;
        try
        {
            while (AnswerReader.TryRead(reader, out ReceivedAnswer answer))
            {
                try
                {
                    answers.Add(DecodedAnswer.Of(answer));
                }
                finally
                {
                    answer.Return();
                }
            }
        }
        catch (Exception e)
        {
            end = e;
        }

        return answers;
    }

    /// <summary>
    /// The outcome of a fuzz run: every answer decoded must be the unmutated stream's answer for its id; every case ends
    /// all correct or with a typed error (a protocol error, or missing answers: those calls time out).
    /// </summary>
    private sealed class FuzzTally
    {
        private readonly Dictionary<long, DecodedAnswer> _expected;
        private readonly int _answers;
        private readonly Dictionary<string, int> _kinds = new();
        private readonly List<string> _wrong = new();
        private readonly List<string> _untyped = new();
        private int _allCorrect;
        private int _typedErrors;

        public FuzzTally(Dictionary<long, DecodedAnswer> expected, int answers)
        {
            _expected = expected;
            _answers = answers;
        }

        public void Add(int i, string kind, List<DecodedAnswer> got, Exception? end, bool endIsTyped)
        {
            _kinds[kind] = _kinds.GetValueOrDefault(kind) + 1;
            foreach (DecodedAnswer answer in got)
            {
                if (!_expected.TryGetValue(answer.Id, out DecodedAnswer? want) || want != answer)
                {
                    _wrong.Add($"case {i} ({kind}): answer {answer.Id} decoded as {answer.Text}");
                }
            }

            if (!endIsTyped)
            {
                _untyped.Add($"case {i} ({kind}): {end!.GetType().Name}: {end.Message}");
            }
            else if (end is null && got.Count == _answers)
            {
                _allCorrect++;
            }
            else
            {
                _typedErrors++;
            }
        }

        public void AssertNeverWrong(int cases, string[] kinds)
        {
            Assert.Empty(_wrong.Take(5));
            Assert.Empty(_untyped.Take(5));
            Assert.Equal(cases, _allCorrect + _typedErrors);
            Assert.All(kinds, k => Assert.True(_kinds.GetValueOrDefault(k) > 1000, $"{k}: {_kinds.GetValueOrDefault(k)}"));
            Assert.True(_typedErrors > cases / 2, $"only {_typedErrors} of {cases} mutants were detected at all");
        }

        public override string ToString() => $"{_allCorrect} all correct, {_typedErrors} typed errors; "
            + string.Join(", ", _kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}"));
    }
}
