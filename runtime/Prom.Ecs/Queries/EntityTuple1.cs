namespace Prom.Ecs;

/// <summary>A per-entity tuple: the entity, its row and the current (<c>prev</c>) value of one component.</summary>
/// <typeparam name="T1">The component type.</typeparam>
/// <param name="Entity">The entity.</param>
/// <param name="Row">Its row (for writes through an owner without a lookup).</param>
/// <param name="Item1">The component value.</param>
public readonly record struct EntityTuple<T1>(Entity Entity, EntityRow Row, T1 Item1) where T1 : unmanaged, IStruct<T1>;
