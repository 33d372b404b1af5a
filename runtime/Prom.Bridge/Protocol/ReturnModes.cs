namespace Prom.Bridge.Protocol;

/// <summary>Wire names of <see cref="ReturnMode"/>.</summary>
internal static class ReturnModes
{
    public static string WireName(ReturnMode mode) => mode switch
    {
        ReturnMode.Handle => "handle",
        ReturnMode.Buffer => "buffer",
        ReturnMode.Shared => "shared",
        ReturnMode.None => "none",
        ReturnMode.Repr => "repr",
        _ => "auto",
    };
}
