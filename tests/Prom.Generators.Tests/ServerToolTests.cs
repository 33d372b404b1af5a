using System;
using System.Collections.Concurrent;
using System.Diagnostics;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using Xunit;

namespace Prom.Generators.Tests;

/// <summary>
/// The ready server as a user installs it: <c>dotnet pack runtime/Prom.Bus.Server</c> makes a .NET tool package,
/// <c>dotnet tool install --tool-path … --add-source …</c> installs it, and <c>prom-bus --urls …</c> serves health,
/// the dashboard and the ops endpoints with the defaults of its shipped appsettings.json, then stops on SIGTERM.
/// </summary>
[Collection(PackedFeedCollection.Name)]
public sealed class ServerToolTests
{
    private readonly PackedFeed _feed;

    public ServerToolTests(PackedFeed feed) => _feed = feed;

    [Fact]
    public async Task The_packed_server_installs_as_a_tool_and_serves_until_sigterm()
    {
        Assert.True(File.Exists(_feed.ServerToolPackage));
        string tools = Path.Combine(_feed.Work, "tools");
        var install = DotnetCli.Run(_feed.Work, PackedFeed.Limit,
            "tool", "install", "Prom.Bus.Server", "--tool-path", tools, "--add-source", _feed.Feed, "--version", _feed.Version);
        Assert.True(install.ExitCode == 0, "dotnet tool install failed:\n" + install.Output);

        string run = Directory.CreateDirectory(Path.Combine(_feed.Work, "tool-run")).FullName;
        var psi = new ProcessStartInfo(Path.Combine(tools, "prom-bus")) { WorkingDirectory = run, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string a in new[] { "--urls", "http://127.0.0.1:0" }) psi.ArgumentList.Add(a);
        var log = new ConcurrentQueue<string>();
        var listening = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var server = new Process { StartInfo = psi };
        void OnLine(string? line)
        {
            if (line is null) return;
            log.Enqueue(line);
            Match m = Regex.Match(line, @"Now listening on: (http://\S+)");
            if (m.Success) listening.TrySetResult(new Uri(m.Groups[1].Value));
        }
        server.OutputDataReceived += (_, e) => OnLine(e.Data);
        server.ErrorDataReceived += (_, e) => OnLine(e.Data);
        server.Start();
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            Uri uri = await listening.Task.WaitAsync(TimeSpan.FromSeconds(60));
            using var http = new HttpClient { BaseAddress = uri, Timeout = TimeSpan.FromSeconds(20) };
            Assert.Equal("ok", await http.GetStringAsync("/healthz"));
            Assert.Contains("<title>Prom.Bus dashboard</title>", await http.GetStringAsync("/dashboard/"), StringComparison.Ordinal);

            // No tokens configured: the server generated an admin token and printed it once.
            string token = Regex.Match(string.Join("\n", log), "generated the token ([0-9a-f]{32})").Groups[1].Value;
            Assert.False(string.IsNullOrEmpty(token), "no generated token in the log:\n" + string.Join("\n", log));
            using var create = new HttpRequestMessage(HttpMethod.Post, "/topics") { Content = new StringContent("""{"name":"tool.check"}""", Encoding.UTF8, "application/json") };
            create.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            HttpResponseMessage created = await http.SendAsync(create);
            Assert.Equal(System.Net.HttpStatusCode.Created, created.StatusCode);
            // 4 = Bus:DefaultPartitions of the appsettings.json shipped in the tool (the library default is 1).
            Assert.Equal(4, JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("partitions").GetInt32());
            Assert.True(File.Exists(Path.Combine(run, "data", "prom-bus.db")), "the store is created under the working directory");

            using (Process kill = Process.Start("kill", ["-TERM", server.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])) await kill.WaitForExitAsync();
            await server.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            Assert.True(server.ExitCode == 0, $"exit code {server.ExitCode}:\n" + string.Join("\n", log));
        }
        finally
        {
            if (!server.HasExited) server.Kill(entireProcessTree: true);
        }
    }
}
