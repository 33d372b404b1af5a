using System;
using System.Runtime.CompilerServices;
using System.Threading;

namespace Prom.Ecs;

/// <summary>
/// Resources: world-level singletons (time, settings, an external client) that systems declare as read or written in
/// their plan. One value per type; any type, struct or class.
/// </summary>
public sealed partial class World
{
    private readonly object _resourceLock = new();

    /// <summary>Resource slot (<see cref="ResourceTypeSlot{T}"/>) → <see cref="ResourceBox{T}"/>, or null; grown copy-on-write.</summary>
    private object?[] _resources = Array.Empty<object?>();

    /// <summary>
    /// Sets the resource of type <typeparamref name="T"/>, creating it on first use. References returned earlier by
    /// <see cref="Resource{T}"/> see the new value (the storage never moves).
    /// </summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <param name="value">The value.</param>
    public void SetResource<T>(T value)
    {
        int slot = ResourceTypeSlot<T>.Value;
        object?[] boxes = Volatile.Read(ref _resources);
        if (slot < boxes.Length && boxes[slot] is { } existing)
        {
            Unsafe.As<ResourceBox<T>>(existing).Value = value;
            return;
        }

        lock (_resourceLock)
        {
            boxes = _resources;
            if (slot < boxes.Length && boxes[slot] is { } raced)
            {
                Unsafe.As<ResourceBox<T>>(raced).Value = value;
                return;
            }

            var grown = new object?[Math.Max(boxes.Length, slot + 1)];
            Array.Copy(boxes, grown, boxes.Length);
            grown[slot] = new ResourceBox<T> { Value = value };
            Volatile.Write(ref _resources, grown);
        }
    }

    /// <summary>A reference to the resource of type <typeparamref name="T"/> (read it, or assign through it).</summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <exception cref="MissingResourceException">The world has no <typeparamref name="T"/> resource (the message says how to set it).</exception>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public ref T Resource<T>()
    {
        int slot = ResourceTypeSlot<T>.Value;
        object?[] boxes = Volatile.Read(ref _resources);
        if (slot < boxes.Length && boxes[slot] is { } box)
        {
            return ref Unsafe.As<ResourceBox<T>>(box).Value;
        }

        throw new MissingResourceException(typeof(T));
    }

    /// <summary>True when the world has a resource of type <typeparamref name="T"/>.</summary>
    /// <typeparam name="T">The resource type.</typeparam>
    public bool HasResource<T>()
    {
        int slot = ResourceTypeSlot<T>.Value;
        object?[] boxes = Volatile.Read(ref _resources);
        return slot < boxes.Length && boxes[slot] is not null;
    }

    /// <summary>Gets the resource of type <typeparamref name="T"/> if the world has one.</summary>
    /// <typeparam name="T">The resource type.</typeparam>
    /// <param name="value">The value, or default.</param>
    public bool TryGetResource<T>(out T value)
    {
        int slot = ResourceTypeSlot<T>.Value;
        object?[] boxes = Volatile.Read(ref _resources);
        if (slot < boxes.Length && boxes[slot] is { } box)
        {
            value = Unsafe.As<ResourceBox<T>>(box).Value;
            return true;
        }

        value = default!;
        return false;
    }
}
