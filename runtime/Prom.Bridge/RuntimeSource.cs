using System.IO;

namespace Prom.Bridge;

/// <summary>The Python half of the bridge, embedded in this assembly and passed to the child with <c>-c</c>.</summary>
internal static class RuntimeSource
{
    private static string? s_text;

    public static string Text => s_text ??= Load();

    private static string Load()
    {
        using Stream stream = typeof(RuntimeSource).Assembly.GetManifestResourceStream("Prom.Bridge.prom_bridge_runtime.py")
            ?? throw new BridgeStartException("The embedded Python runtime (prom_bridge_runtime.py) is missing from Prom.Bridge.dll.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
