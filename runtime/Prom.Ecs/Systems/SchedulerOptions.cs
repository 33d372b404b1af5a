using System;

namespace Prom.Ecs;

/// <summary>Settings of a <see cref="Scheduler"/>.</summary>
public sealed class SchedulerOptions
{
    private int _maxDegreeOfParallelism = Environment.ProcessorCount;

    /// <summary>
    /// The most systems of one batch that run at the same time (the ticking thread counts as one). 1 runs every batch
    /// sequentially on the ticking thread, in plan order. Default: <see cref="Environment.ProcessorCount"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is less than 1.</exception>
    public int MaxDegreeOfParallelism
    {
        get => _maxDegreeOfParallelism;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            _maxDegreeOfParallelism = value;
        }
    }

    /// <summary>
    /// Whether generated per-entity systems update the components they own in place when no other system of the plan
    /// reads them (<see cref="World.UpdateInPlace{T}"/>: one memory stream instead of two, no swap; same values, changed
    /// marks and reports). Default: true. Turn it off to read such components with <see cref="World.Get{T}"/> from
    /// outside the plan while a tick runs.
    /// </summary>
    public bool UpdateInPlace { get; set; } = true;
}
