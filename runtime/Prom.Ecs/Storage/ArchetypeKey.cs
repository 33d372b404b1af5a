using System;

namespace Prom.Ecs;

/// <summary>The dictionary key of an archetype: its sorted component ids (any number of them, no 64-type limit).</summary>
internal readonly struct ArchetypeKey : IEquatable<ArchetypeKey>
{
    private readonly int[] _ids;
    private readonly int _hash;

    internal ArchetypeKey(int[] sortedIds)
    {
        _ids = sortedIds;
        var hash = new HashCode();
        foreach (int id in sortedIds)
        {
            hash.Add(id);
        }

        _hash = hash.ToHashCode();
    }

    public bool Equals(ArchetypeKey other) => _hash == other._hash && _ids.AsSpan().SequenceEqual(other._ids);

    public override bool Equals(object? obj) => obj is ArchetypeKey other && Equals(other);

    public override int GetHashCode() => _hash;
}
