using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace Prom.Ecs;

/// <summary>
/// Executes a static <see cref="SchedulePlan"/> on a <see cref="World"/>: per tick, batches in order, the systems of a
/// batch in parallel, one commit after all systems, then the effects. See <see cref="TickAsync"/> for the exact order
/// and the commit policy on failure.
/// </summary>
/// <remarks>
/// The constructor validates the plan against the registrations, creates one <see cref="SystemContext"/> per system in
/// plan order (so owners and command buffers are created in plan order and playback is deterministic), then the
/// runners in plan order. Ticks never overlap: a second <see cref="TickAsync"/> while one runs throws.
/// </remarks>
[DebuggerDisplay("Scheduler: {Plan.Systems.Count} systems, {Ticks} ticks")]
public sealed partial class Scheduler : IDisposable
{
    private readonly SystemContext[] _contexts;
    private readonly ISystemRunner[] _runners;
    private readonly StagePlan[] _startupStages;
    private readonly StagePlan[] _tickStages;
    private readonly BatchExecutor _executor;

    /// <summary>Per system index: its effects are dropped this tick (it failed).</summary>
    private readonly bool[] _discardEffects;

    /// <summary>1 while a tick runs (ticks never overlap).</summary>
    private int _ticking;

    private bool _startupDone;
    private bool _disposed;
    private double _elapsedSeconds;
    private long _ticks;

    /// <summary>Validates the plan, creates every system's context and runner (in plan order).</summary>
    /// <param name="world">The world to run on.</param>
    /// <param name="plan">The static schedule (generated).</param>
    /// <param name="systems">One registration per system of the plan (any order; matched by name).</param>
    /// <param name="options">Settings; null for the defaults.</param>
    /// <param name="services">Given to systems with constructor dependencies through <see cref="SystemContext.Services"/>.</param>
    /// <exception cref="SchedulePlanException">The plan is inconsistent, or does not match the registrations (every problem listed).</exception>
    /// <exception cref="InvalidOperationException">A registration failed to create its runner (the system is named, the cause is the inner exception).</exception>
    public Scheduler(World world, SchedulePlan plan, IReadOnlyList<SystemRegistration> systems, SchedulerOptions? options = null, IServiceProvider? services = null)
    {
        ArgumentNullException.ThrowIfNull(world);
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(systems);
        PlanValidator.Validate(plan);
        PlanValidator.ValidateRegistrations(plan, systems);
        if (world.IsInTick)
        {
            throw new InvalidOperationException("Create the scheduler between ticks: the world is inside a tick.");
        }

        World = world;
        Plan = plan;
        Options = options ?? new SchedulerOptions();
        Effects = new EffectRunner();

        var registrationByName = new Dictionary<string, SystemRegistration>();
        foreach (SystemRegistration registration in systems)
        {
            registrationByName.Add(registration.Name, registration);
        }

        SystemPlan[] planned = plan.SystemArray;
        _contexts = new SystemContext[planned.Length];
        for (int i = 0; i < planned.Length; i++)
        {
            _contexts[i] = new SystemContext(world, planned[i].Name, i, Effects, services, plan, Options.UpdateInPlace);
        }

        Effects.Bind(_contexts);
        if (!world.HasResource<FrameTime>())
        {
            world.SetResource(new FrameTime());
        }

        _runners = new ISystemRunner[planned.Length];
        var owners = new OwnerToken[planned.Length];
        for (int i = 0; i < planned.Length; i++)
        {
            ISystemRunner runner = CreateRunner(registrationByName[planned[i].Name], _contexts[i]);
            if (runner.Name != planned[i].Name)
            {
                throw new InvalidOperationException($"The registration of system '{planned[i].Name}' created a runner named '{runner.Name}'.");
            }

            _runners[i] = runner;
            owners[i] = _contexts[i].Owner;
        }

        var startup = new List<StagePlan>();
        var regular = new List<StagePlan>();
        int largestBatch = 1;
        foreach (StagePlan stage in plan.StageArray)
        {
            (stage.RunsOnce ? startup : regular).Add(stage);
            foreach (int[] batch in stage.BatchArrays)
            {
                largestBatch = Math.Max(largestBatch, batch.Length);
            }
        }

        _startupStages = startup.ToArray();
        _tickStages = regular.ToArray();
        _discardEffects = new bool[planned.Length];
        _executor = new BatchExecutor(world, _runners, owners, Options.MaxDegreeOfParallelism, largestBatch);
    }

    private static ISystemRunner CreateRunner(SystemRegistration registration, SystemContext context)
    {
        ISystemRunner? runner;
        try
        {
            runner = registration.Create(context);
        }
        catch (Exception exception)
        {
            throw new InvalidOperationException($"Creating system '{registration.Name}' failed: {exception.Message}", exception);
        }

        return runner ?? throw new InvalidOperationException($"The registration of system '{registration.Name}' created no runner.");
    }

    /// <summary>The world the systems run on.</summary>
    public World World { get; }

    /// <summary>The schedule being executed.</summary>
    public SchedulePlan Plan { get; }

    /// <summary>The settings.</summary>
    public SchedulerOptions Options { get; }

    /// <summary>Regular ticks completed (successfully or not); the startup tick is not counted.</summary>
    public long Ticks => _ticks;

    /// <summary>True while a tick runs.</summary>
    public bool IsTicking => Volatile.Read(ref _ticking) != 0;

    /// <summary>The effects pipeline: register handlers here before the first tick.</summary>
    public EffectRunner Effects { get; }

    /// <summary>Every system's context, in plan order.</summary>
    public IReadOnlyList<SystemContext> Contexts => _contexts;

    /// <summary>Every system's runner, in plan order.</summary>
    public IReadOnlyList<ISystemRunner> Runners => _runners;

    /// <summary>Disposes runners that are <see cref="IDisposable"/>; the scheduler cannot tick afterwards.</summary>
    /// <exception cref="InvalidOperationException">A tick is running.</exception>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        if (IsTicking)
        {
            throw new InvalidOperationException("Dispose while a tick is running: await the tick first.");
        }

        _disposed = true;
        _executor.Dispose();
        foreach (ISystemRunner runner in _runners)
        {
            (runner as IDisposable)?.Dispose();
        }
    }
}
