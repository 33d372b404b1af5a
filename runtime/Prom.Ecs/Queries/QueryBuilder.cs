using System.Collections.Generic;

namespace Prom.Ecs;

/// <summary>Describes a query: <c>All</c>, <c>Any</c>, <c>None</c> and <c>Changed</c> component sets. Build once, iterate every tick.</summary>
public sealed class QueryBuilder
{
    private readonly World _world;
    private readonly List<int> _all = new();
    private readonly List<int> _any = new();
    private readonly List<int> _none = new();
    private readonly List<int> _changed = new();

    internal QueryBuilder(World world) => _world = world;

    /// <summary>Entities must have <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public QueryBuilder All<T>() where T : unmanaged, IStruct<T>
    {
        _all.Add(_world.IdOf<T>());
        return this;
    }

    /// <summary>Entities must have at least one of the components listed with <c>Any</c>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public QueryBuilder Any<T>() where T : unmanaged, IStruct<T>
    {
        _any.Add(_world.IdOf<T>());
        return this;
    }

    /// <summary>Entities must not have <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The component type.</typeparam>
    public QueryBuilder None<T>() where T : unmanaged, IStruct<T>
    {
        _none.Add(_world.IdOf<T>());
        return this;
    }

    /// <summary>
    /// Only rows where at least one component listed with <c>Changed</c> was written with a new value in the previous
    /// tick (or set, added or created since it ended). Cost is proportional to chunks plus changed rows.
    /// </summary>
    /// <typeparam name="T">The component type.</typeparam>
    public QueryBuilder Changed<T>() where T : unmanaged, IStruct<T>
    {
        _changed.Add(_world.IdOf<T>());
        return this;
    }

    /// <summary>Builds the query; it keeps its archetype matches up to date as archetypes are created.</summary>
    public Query Build() => new(_world, _all.ToArray(), _any.ToArray(), _none.ToArray(), _changed.ToArray());
}
