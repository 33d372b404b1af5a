namespace Prom.Ecs;

/// <summary>Display names of <see cref="WriteKind"/> without allocating.</summary>
internal static class WriteKindNames
{
    internal static string Of(WriteKind kind) => kind switch
    {
        WriteKind.Set => "Set",
        WriteKind.SetIfChanged => "SetIfChanged",
        WriteKind.Carry => "Carry",
        _ => "Write",
    };
}
