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
            var kinds = new Dictionary<string, int>();
            var wrong = new List<string>();
            var untyped = new List<string>();
            int allCorrect = 0, typedErrors = 0;
            var watch = Stopwatch.StartNew();
            for (int i = 0; i < Cases; i++)
            {
                byte[] mutant = FrameMutator.Mutate(frames, random, out string kind);
                kinds[kind] = kinds.GetValueOrDefault(kind) + 1;
                List<DecodedAnswer> got = Read(mutant, out Exception? end);
                foreach (DecodedAnswer answer in got)
                {
                    if (!expected.TryGetValue(answer.Id, out DecodedAnswer? want) || want != answer)
                    {
                        wrong.Add($"case {i} ({kind}): answer {answer.Id} decoded as {answer.Text}");
                    }
                }

                if (end is not null and not BridgeProtocolException and not EndOfStreamException)
                {
                    untyped.Add($"case {i} ({kind}): {end.GetType().Name}: {end.Message}");
                }
                else if (end is null && got.Count == baseline.Count)
                {
                    allCorrect++;
                }
                else
                {
                    typedErrors++; // a protocol error (the bridge stops the child) or missing answers (those calls time out)
                }
            }

            _output.WriteLine($"{Cases} cases in {watch.Elapsed}: {allCorrect} all correct, {typedErrors} typed errors; "
                + string.Join(", ", kinds.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
            Assert.Empty(wrong.Take(5));
            Assert.Empty(untyped.Take(5));
            Assert.Equal(Cases, allCorrect + typedErrors);
            Assert.All(FrameMutator.Kinds, k => Assert.True(kinds.GetValueOrDefault(k) > 1000, $"{k}: {kinds.GetValueOrDefault(k)}"));
            Assert.True(typedErrors > Cases / 2, $"only {typedErrors} of {Cases} mutants were detected at all");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(60), $"took {watch.Elapsed}");
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
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
}
