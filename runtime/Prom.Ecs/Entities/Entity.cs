using System;
using System.Diagnostics;

namespace Prom.Ecs;

/// <summary>
/// A handle to an entity of a <see cref="World"/>: a 32-bit index and a 32-bit generation packed in 64 bits.
/// <c>default(Entity)</c> is the null entity (generation 0 is never alive). A handle whose generation no longer matches
/// the world's generation of its index is stale: <see cref="World.IsAlive"/> returns false and every access throws
/// <see cref="StaleEntityException"/>.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public readonly struct Entity : IEquatable<Entity>
{
    private readonly ulong _value;

    /// <summary>Creates a handle from its parts.</summary>
    /// <param name="index">The slot index in the world's entity table.</param>
    /// <param name="generation">The generation of the slot; 0 means the null entity.</param>
    public Entity(uint index, uint generation) => _value = index | ((ulong)generation << 32);

    private Entity(ulong value) => _value = value;

    /// <summary>The null entity (<c>default</c>).</summary>
    public static Entity Null => default;

    /// <summary>The slot index in the world's entity table.</summary>
    public uint Index => (uint)_value;

    /// <summary>The generation of the slot when this handle was issued; 0 for the null entity.</summary>
    public uint Generation => (uint)(_value >> 32);

    /// <summary>True for the null entity.</summary>
    public bool IsNull => Generation == 0;

    /// <summary>The packed 64-bit value (index in the low half, generation in the high half).</summary>
    public ulong RawValue => _value;

    /// <summary>Rebuilds a handle from <see cref="RawValue"/>.</summary>
    /// <param name="raw">A value previously returned by <see cref="RawValue"/>.</param>
    public static Entity FromRawValue(ulong raw) => new(raw);

    /// <inheritdoc/>
    public bool Equals(Entity other) => _value == other._value;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is Entity other && other._value == _value;

    /// <inheritdoc/>
    public override int GetHashCode() => _value.GetHashCode();

    /// <summary>Compares two handles by value.</summary>
    public static bool operator ==(Entity left, Entity right) => left._value == right._value;

    /// <summary>Compares two handles by value.</summary>
    public static bool operator !=(Entity left, Entity right) => left._value != right._value;

    /// <summary>Formats the handle as <c>Entity(index v generation)</c>, e.g. <c>Entity(3v2)</c>, or <c>Entity.Null</c>.</summary>
    public override string ToString() => IsNull ? "Entity.Null" : $"Entity({Index}v{Generation})";
}
