using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json.Nodes;
using System.Threading;
using System.Threading.Tasks;
using Prom.Testing;
using Xunit;

namespace Prom.Topics.Gateway.Tests;

/// <summary>
/// Runs the clients this project's build emitted (bin/…/clients, written by the real PromWriteClients target): the
/// TypeScript one compiled once with tsc --strict together with scripts/roundtrip.ts and run with node, the Python
/// one from /usr/bin/python3 with scripts/roundtrip.py. Each call prints one JSON line.
/// </summary>
internal static class EmittedClients
{
    private static readonly TimeSpan s_timeout = TimeSpan.FromSeconds(90);
    private static readonly SemaphoreSlim s_compileLock = new(1, 1);
    private static string? s_compiled;

    public static string ClientsFolder
    {
        get
        {
            string folder = Path.Combine(AppContext.BaseDirectory, "clients");
            Assert.True(File.Exists(Path.Combine(folder, ".prom-clients")), $"{folder} was not written by the build (PromWriteClients)");
            return folder;
        }
    }

    public static async Task<JsonNode> NodeAsync(string mode, Uri url, string token, string? argument = null)
    {
        string folder = await CompiledTypeScriptAsync();
        var arguments = new List<string> { Path.Combine(folder, "out", "roundtrip.js"), mode, url.ToString(), token };
        if (argument is not null) arguments.Add(argument);
        var env = new Dictionary<string, string> { ["NODE_PATH"] = Path.Combine(Toolchain.NodeFolder, "node_modules") };
        return Parse(await Toolchain.RunAsync("node", arguments, folder, s_timeout, env), "node");
    }

    public static async Task<JsonNode> PythonAsync(string mode, Uri url, string token, string? argument = null)
    {
        var arguments = new List<string> { Path.Combine(AppContext.BaseDirectory, "scripts", "roundtrip.py"), mode, url.ToString(), token };
        if (argument is not null) arguments.Add(argument);
        var env = new Dictionary<string, string> { ["PYTHONPATH"] = Path.Combine(ClientsFolder, "python") };
        return Parse(await Toolchain.RunAsync(Toolchain.Python, arguments, AppContext.BaseDirectory, s_timeout, env), "python");
    }

    private static JsonNode Parse((int ExitCode, string Output) run, string tool)
    {
        Assert.True(run.ExitCode == 0, $"{tool} failed ({run.ExitCode}):\n{run.Output}");
        string[] lines = run.Output.Trim().Split('\n');
        return JsonNode.Parse(lines[^1]) ?? throw new InvalidDataException($"{tool} printed null");
    }

    private static async Task<string> CompiledTypeScriptAsync()
    {
        await s_compileLock.WaitAsync();
        try
        {
            if (s_compiled is not null) return s_compiled;
            string folder = Directory.CreateTempSubdirectory("prom-ts-client-").FullName;
            foreach (string file in Directory.GetFiles(Path.Combine(ClientsFolder, "typescript"))) File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            foreach (string file in new[] { "roundtrip.ts", "tsconfig.json" }) File.Copy(Path.Combine(AppContext.BaseDirectory, "scripts", file), Path.Combine(folder, file));
            (int exit, string output) = await Toolchain.RunAsync("node", new[] { Toolchain.Tsc, "-p", "tsconfig.json" }, folder, TimeSpan.FromMinutes(3));
            Assert.True(exit == 0, "tsc --strict failed on the emitted client:\n" + output);
            return s_compiled = folder;
        }
        finally
        {
            s_compileLock.Release();
        }
    }
}
