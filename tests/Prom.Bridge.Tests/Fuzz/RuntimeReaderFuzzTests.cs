using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;
using System.Threading.Tasks;
using Prom.Bridge.Protocol;
using Xunit;
using Xunit.Abstractions;

namespace Prom.Bridge.Tests.Fuzz;

/// <summary>
/// Host → Python: a valid request stream written by the host's real request and frame writers, mutated 40,000 times
/// (seeded) by <c>protocol_fuzz.py</c>, each mutant fed to the real Python runtime's reader and dispatcher. Every answer
/// Python produced must be the answer of the unmutated stream for that request; every other ending is a protocol
/// error (the child exits with 70: a typed error on the host) or missing answers (those calls time out).
/// </summary>
public sealed class RuntimeReaderFuzzTests
{
    private const int Seed = 1512;
    private const int Cases = 40_000;
    private readonly ITestOutputHelper _output;

    public RuntimeReaderFuzzTests(ITestOutputHelper output) => _output = output;

    [Fact]
    public Task MutatedRequestStreams_AreRejectedOrAnsweredRightly_NeverWrongly() => RunAsync("serve", Cases);

    /// <summary>The same requests as shared-ring records, mutated record by record and served by the runtime's real ring code.</summary>
    [Fact]
    public Task MutatedRingRecords_AreRejectedOrAnsweredRightly_NeverWrongly() => RunAsync("serve-ring", 20_000);

    private async Task RunAsync(string mode, int cases)
    {
        string directory = Directory.CreateTempSubdirectory("prom-fuzz-").FullName;
        try
        {
            string requests = Path.Combine(directory, "requests.bin");
            string expected = Path.Combine(directory, "expected.json");
            await using (PyBridge owner = await PyBridge.StartAsync(TestPython.Options()))
            {
                WriteRequests(owner, requests, expected);
            }

            JsonElement summary = ProtocolFuzzPython.Run(
                TimeSpan.FromSeconds(100), mode, ProtocolFuzzPython.WriteRuntime(directory), requests, expected,
                Seed.ToString(System.Globalization.CultureInfo.InvariantCulture), cases.ToString(System.Globalization.CultureInfo.InvariantCulture));

            _output.WriteLine(summary.GetRawText());
            JsonElement counts = summary.GetProperty("counts");
            Assert.Equal("[]", summary.GetProperty("wrong").GetRawText());
            Assert.Equal(0, counts.GetProperty("wrong").GetInt32());
            Assert.Equal(cases, counts.GetProperty("cases").GetInt32());
            Assert.Equal(cases, counts.GetProperty("all-correct").GetInt32() + counts.GetProperty("typed-error").GetInt32());
            Assert.True(counts.GetProperty("typed-error").GetInt32() > cases / 2, summary.GetRawText());
            foreach (string kind in mode == "serve" ? FrameMutator.Kinds : RingMutator.Kinds)
            {
                Assert.True(summary.GetProperty("kinds").GetProperty(kind).GetInt32() > 1000, summary.GetRawText());
            }
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    /// <summary>Requests of every shape the host sends — chains with JSON arguments, bytes and long-string parts, pings — and their answers.</summary>
    private static void WriteRequests(PyBridge owner, string path, string expectedPath)
    {
        using var stream = new MemoryStream();
        var writer = new FrameWriter(stream);
        var expected = new Dictionary<string, object?[]>();
        long id = 0;
        void Send(RequestWriter w, object? answer)
        {
            w.Finish(ReturnMode.Auto);
            OutgoingMessage message = writer.RentMessage();
            writer.SealFrame(message, w.Buffer, w.Length, w.Kind, w.Parts);
            Assert.True(writer.TryWrite(message));
            writer.Return(message);
            w.Dispose();
            expected[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new[] { true, answer };
        }

        RequestWriter Chain(string module, string function, params object?[] args)
        {
            RequestWriter w = new(owner, "chain", ++id);
            w.Json.WriteStartObject("root");
            w.Json.WriteString("import", module);
            w.Json.WriteEndObject();
            w.Json.WriteStartArray("steps");
            w.Json.WriteStartObject();
            w.Json.WriteString("a", function);
            w.Json.WriteEndObject();
            w.Json.WriteStartObject();
            w.Json.WriteStartArray("c");
            foreach (object? arg in args)
            {
                w.WriteValue(arg);
            }

            w.Json.WriteEndArray();
            w.Json.WriteEndObject();
            w.Json.WriteEndArray();
            return w;
        }

        Send(Chain("operator", "add", 40, 2), 42);
        Send(Chain("builtins", "len", new byte[300]), 300);
        Send(RequestWriter.Ping(owner, ++id), null);
        Send(Chain("builtins", "len", new string('ü', 5000)), 5000); // a UTF-8 string part
        Send(Chain("operator", "mul", 1.5, 4.0), 6.0);
        Send(Chain("builtins", "str", "héllo\n"), "héllo\n");
        Send(Chain("builtins", "sum", new[] { 1, 2, 3 }), 6); // a numpy/memoryview array part
        Send(Chain("operator", "concat", new byte[] { 1, 2 }, new byte[] { 3 }), null);
        expected[id.ToString(System.Globalization.CultureInfo.InvariantCulture)] = new object?[] { true, "b010203" };
        File.WriteAllBytes(path, stream.ToArray());
        File.WriteAllText(expectedPath, JsonSerializer.Serialize(expected)); // UTF-8 without a BOM
    }
}
