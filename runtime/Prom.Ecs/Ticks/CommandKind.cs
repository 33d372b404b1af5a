namespace Prom.Ecs;

/// <summary>The structural changes a <see cref="CommandBuffer"/> records.</summary>
internal enum CommandKind : byte
{
    Create,
    Destroy,
    Add,
    Remove,
}
