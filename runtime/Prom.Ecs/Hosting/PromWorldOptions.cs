using System;
using System.Collections.Generic;

namespace Prom.Ecs.Hosting;

/// <summary>Settings of the hosted world loop registered by <see cref="PromWorldServiceCollectionExtensions.AddPromWorld"/>.</summary>
public sealed class PromWorldOptions
{
    private TimeSpan _step = TimeSpan.FromSeconds(1.0 / 60.0);

    /// <summary>
    /// The fixed step: one tick per step, each with <c>dt</c> = <see cref="Step"/> in seconds. A tick that runs longer
    /// than a step makes the missed steps coalesce into one immediate next tick (they are not queued or replayed), so
    /// simulated time then falls behind wall time by the coalesced steps. Default: 1/60 s.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Not positive.</exception>
    public TimeSpan Step
    {
        get => _step;
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(value, TimeSpan.Zero);
            _step = value;
        }
    }

    /// <summary>Settings of the <see cref="Ecs.World"/> created for the host; null for the defaults.</summary>
    public WorldOptions? World { get; set; }

    /// <summary>Settings of the scheduler made by <see cref="UseSchedule"/>.</summary>
    public SchedulerOptions Scheduler { get; } = new();

    /// <summary>
    /// False (default): a failed tick is logged, the loop stops and the application is asked to stop. True: the failure
    /// is logged and the loop goes on with the next tick (the world committed what completed).
    /// </summary>
    public bool ContinueOnError { get; set; }

    /// <summary>Makes the scheduler; set by <see cref="UseSchedule"/> or <see cref="UseScheduler"/>.</summary>
    internal Func<IServiceProvider, World, Scheduler>? SchedulerFactory { get; private set; }

    /// <summary>Run on the new world before the scheduler is made (register components, create entities, set resources).</summary>
    internal List<Action<IServiceProvider, World>> WorldSetup { get; } = new();

    /// <summary>Run on the new scheduler (register effect handlers).</summary>
    internal List<Action<IServiceProvider, Scheduler>> SchedulerSetup { get; } = new();

    /// <summary>
    /// Runs this static plan with these systems (what the generated <c>PromSystems</c> passes); systems with
    /// constructor dependencies get the host's services.
    /// </summary>
    /// <param name="plan">The schedule.</param>
    /// <param name="systems">One registration per system of the plan.</param>
    public PromWorldOptions UseSchedule(SchedulePlan plan, IReadOnlyList<SystemRegistration> systems)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(systems);
        SchedulerFactory = (services, world) => new Scheduler(world, plan, systems, Scheduler, services);
        return this;
    }

    /// <summary>Makes the scheduler with a custom factory.</summary>
    /// <param name="factory">Creates the scheduler for the host's world.</param>
    public PromWorldOptions UseScheduler(Func<IServiceProvider, World, Scheduler> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        SchedulerFactory = factory;
        return this;
    }

    /// <summary>Prepares the world once it is created (before the scheduler and its systems are made).</summary>
    /// <param name="setup">Receives the services and the world.</param>
    public PromWorldOptions ConfigureWorld(Action<IServiceProvider, World> setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        WorldSetup.Add(setup);
        return this;
    }

    /// <summary>Prepares the scheduler once it is created, e.g. registers effect handlers on <see cref="Ecs.Scheduler.Effects"/>.</summary>
    /// <param name="setup">Receives the services and the scheduler.</param>
    public PromWorldOptions ConfigureScheduler(Action<IServiceProvider, Scheduler> setup)
    {
        ArgumentNullException.ThrowIfNull(setup);
        SchedulerSetup.Add(setup);
        return this;
    }
}
