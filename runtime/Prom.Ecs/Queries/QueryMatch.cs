namespace Prom.Ecs;

/// <summary>An archetype that matches a query, with the slots of the query's changed components in it.</summary>
internal readonly struct QueryMatch
{
    internal QueryMatch(Archetype archetype, int[]? changedSlots)
    {
        Archetype = archetype;
        ChangedSlots = changedSlots;
    }

    internal Archetype Archetype { get; }

    /// <summary>Null when the query has no changed filter.</summary>
    internal int[]? ChangedSlots { get; }
}
