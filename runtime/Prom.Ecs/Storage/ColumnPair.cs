namespace Prom.Ecs;

/// <summary>One leaf column of a row copy: its column index in the source and in the destination archetype.</summary>
internal readonly struct ColumnPair
{
    internal ColumnPair(int source, int destination)
    {
        Source = source;
        Destination = destination;
    }

    internal int Source { get; }

    internal int Destination { get; }
}
