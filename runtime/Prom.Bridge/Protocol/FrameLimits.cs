namespace Prom.Bridge.Protocol;

/// <summary>
/// The protocol's size limits, the same in both directions (the Python runtime holds the same numbers as
/// <c>MAX_PART</c> and <c>MAX_JSON_FRAME</c>). A message that would break one is refused before its first byte is
/// written, as an error of that call alone.
/// </summary>
internal static class FrameLimits
{
    /// <summary>The largest binary part: the largest array .NET can allocate, so every received part fits one array.</summary>
    public const int MaxPartBytes = 0x7FFFFFC7;

    /// <summary>The largest JSON control frame; a bigger one is treated as a broken stream.</summary>
    public const int MaxControlFrame = 1 << 30;

    /// <summary>The largest hello frame the host accepts as the first frame.</summary>
    public const int MaxHelloBytes = 1 << 16;
}
