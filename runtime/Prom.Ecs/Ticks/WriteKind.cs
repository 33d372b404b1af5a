namespace Prom.Ecs;

/// <summary>The kinds of component writes, for bookkeeping and messages.</summary>
internal enum WriteKind : byte
{
    Set,
    SetIfChanged,
    Carry,
    Write,
}
