namespace Prom.Ecs;

/// <summary>One recorded structural change; component values live in the buffer's byte store at <see cref="DataOffset"/>.</summary>
internal readonly struct Command
{
    internal Command(CommandKind kind, Entity entity, int componentId, int dataOffset)
    {
        Kind = kind;
        Entity = entity;
        ComponentId = componentId;
        DataOffset = dataOffset;
    }

    internal CommandKind Kind { get; }

    internal Entity Entity { get; }

    internal int ComponentId { get; }

    internal int DataOffset { get; }
}
