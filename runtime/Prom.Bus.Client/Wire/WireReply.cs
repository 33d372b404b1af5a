using System.Text.Json;

namespace Prom.Bus.Client.Wire;

/// <summary>One reply frame (<c>OK</c>, <c>ERR</c> or <c>PONG</c>) matched to its request by <c>corr</c>; <see cref="Frame"/> is detached.</summary>
internal readonly record struct WireReply(string Op, JsonElement Frame)
{
    public bool IsOk => Op is "OK" or "PONG";

    /// <summary>The error of an <c>ERR</c> reply.</summary>
    public WireError Error => WireError.Read(Frame);
}
