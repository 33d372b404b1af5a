using System;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Threading.Tasks;
using Prom.CodeModel.Topics;
using Prom.Clients.Tests.Harness;
using Prom.Testing;
using Xunit;

namespace Prom.Clients.Tests;

/// <summary>
/// The TypeScript and Python ports of the topic-name and header-key rules give the C# rule's (TopicNameRules.cs)
/// answer for every name of one corpus: edge cases, non-ASCII look-alikes, the length limit, and generated names.
/// </summary>
public sealed class NameRuleConformanceTests
{
    private static readonly string[] s_names = Corpus();

    private static string[] Corpus()
    {
        string[] fixedNames =
        {
            "", "a", "a.b", "a..b", ".a", "a.", "A.b", "a.b.v2", "a.b.v", "a-b", "a_b", "a b", "heartbeat.received", "dlq.a.b",
            "x-trace-id", "x-", "x-A", "x-a_b", "content-type", "Content-Type", "x--", "y-a", "x-é", "é", "a.١", "a.b\u0000",
            "ａ", "a\u200b", "\ud83d\ude00", "a.\ud83d\ude00", new string('a', 200), new string('a', 201), new string('a', 199) + "\ud83d\ude00",
        };
        var random = new Random(16);
        const string alphabet = "ab09.-_xA é";
        string[] generated = Enumerable.Range(0, 400).Select(_ => new string(Enumerable.Range(0, random.Next(0, 8)).Select(_ => alphabet[random.Next(alphabet.Length)]).ToArray())).ToArray();
        return fixedNames.Concat(generated).ToArray();
    }

    private static string Expected() => string.Join("\n", s_names.Select(n => $"{(TopicRules.IsValidTopicName(n) ? 1 : 0)}{(TopicRules.IsValidHeaderKey(n) ? 1 : 0)}"));

    [Fact]
    public async Task TypeScriptRules_AgreeWithCSharp()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        File.WriteAllText(Path.Combine(temp.Path, "protocol.ts"), ClientRun.FilesOfFleet["typescript/protocol.ts"]);
        (int compiled, string tscOutput) = await Toolchain.RunAsync("node", new[] { Toolchain.Tsc, "--strict", "--target", "es2022", "--module", "commonjs", "--outDir", "out", "protocol.ts" }, temp.Path, TimeSpan.FromMinutes(2));
        Assert.True(compiled == 0, tscOutput);
        File.WriteAllText(Path.Combine(temp.Path, "names.json"), JsonSerializer.Serialize(s_names));
        const string script = "const p = require('./out/protocol.js'); const names = JSON.parse(require('fs').readFileSync('names.json', 'utf8'));" +
                              "process.stdout.write(names.map(n => (p.isValidTopicName(n) ? '1' : '0') + (p.isValidHeaderKey(n) ? '1' : '0')).join('\\n'));";
        (int exit, string output) = await Toolchain.RunAsync("node", new[] { "-e", script }, temp.Path, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        AssertSame(Expected(), output);
    }

    [Fact]
    public async Task PythonRules_AgreeWithCSharp()
    {
        using Toolchain.TempFolder temp = Toolchain.Temp();
        File.WriteAllText(Path.Combine(temp.Path, "protocol.py"), ClientRun.FilesOfFleet["python/fleet_contracts/protocol.py"]);
        File.WriteAllText(Path.Combine(temp.Path, "names.json"), JsonSerializer.Serialize(s_names));
        const string script = "import json, sys, protocol as p\nnames = json.load(open('names.json', encoding='utf-8'))\n" +
                              "sys.stdout.write('\\n'.join(('1' if p.is_valid_topic_name(n) else '0') + ('1' if p.is_valid_header_key(n) else '0') for n in names))";
        (int exit, string output) = await Toolchain.RunAsync(Toolchain.Python, new[] { "-c", script }, temp.Path, TimeSpan.FromMinutes(1));
        Assert.True(exit == 0, output);
        AssertSame(Expected(), output);
    }

    private static void AssertSame(string expected, string actual)
    {
        string[] e = expected.Split('\n'), a = actual.Split('\n');
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++)
        {
            Assert.True(e[i] == a[i], $"name {JsonSerializer.Serialize(s_names[i])}: C# says topic/header {e[i]}, the port says {a[i]}");
        }
    }
}
