namespace Prom.Ecs;

/// <summary>A command-buffer command that did nothing at playback because its entity was no longer alive.</summary>
/// <param name="Buffer">The buffer's name.</param>
/// <param name="Operation">Destroy, Add or Remove.</param>
/// <param name="Entity">The entity.</param>
public readonly record struct SkippedCommand(string Buffer, string Operation, Entity Entity)
{
    /// <inheritdoc/>
    public override string ToString() => $"{Buffer}: {Operation} of {Entity} skipped, the entity was not alive";
}
