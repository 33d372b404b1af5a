using System.IO;
using System.Text;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// The hand-written parts of the emitted clients (the gateway protocol, the WebSocket clients, the topic-name rule),
/// kept as real <c>.ts</c>/<c>.py</c> files under <c>Clients/Runtime</c> and embedded in the generator assembly, so they
/// are edited, type-checked and tested as code rather than as string literals.
/// </summary>
internal static class ClientRuntimeFiles
{
    public static string TypeScriptProtocol => Read("protocol.ts");
    public static string TypeScriptClient => Read("client.ts");
    public static string PythonProtocol => Read("protocol.py");
    public static string PythonClient => Read("client.py");

    private static string Read(string name)
    {
        using Stream stream = typeof(ClientRuntimeFiles).Assembly.GetManifestResourceStream("Prom.Clients." + name)
            ?? throw new FileNotFoundException("embedded client file missing", name);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        // Embedded as checked out: normalize so the output is byte-identical on every platform.
        return reader.ReadToEnd().Replace("\r\n", "\n");
    }
}
