namespace Prom.Ecs;

/// <summary>A per-entity tuple: the entity, its row and the current (<c>prev</c>) values of two components.</summary>
/// <typeparam name="T1">The first component type.</typeparam>
/// <typeparam name="T2">The second component type.</typeparam>
/// <param name="Entity">The entity.</param>
/// <param name="Row">Its row (for writes through an owner without a lookup).</param>
/// <param name="Item1">The first value.</param>
/// <param name="Item2">The second value.</param>
public readonly record struct EntityTuple<T1, T2>(Entity Entity, EntityRow Row, T1 Item1, T2 Item2)
    where T1 : unmanaged, IStruct<T1>
    where T2 : unmanaged, IStruct<T2>;
