namespace Prom.Ecs.Pools;

/// <summary>
/// An object that can be reused through a <see cref="Pool{T}"/> (the seeds' "Spawnable"). <see cref="Clear"/> is
/// required: it resets every field so that a respawned object carries nothing over from its previous use.
/// </summary>
public interface IPoolable
{
    /// <summary>Resets the object to its freshly constructed state; called by <see cref="Pool{T}.Despawn"/>.</summary>
    void Clear();
}
