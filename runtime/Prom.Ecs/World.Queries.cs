namespace Prom.Ecs;

/// <summary>Query entry point.</summary>
public sealed partial class World
{
    /// <summary>Starts describing a query; see <see cref="QueryBuilder"/>.</summary>
    public QueryBuilder Query() => new(this);
}
