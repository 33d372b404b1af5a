using System;
using Prom.Ecs;

namespace Prom.Benchmarks.Doraku;

/// <summary>
/// The state and the measured operations of <see cref="DorakuTwoComponentsBenchmarks"/>, shared by the
/// BenchmarkDotNet class, the interleaved probe and the instruction counter. Every ECS mode has its own world
/// (one owner per component per world), each populated the same way.
/// </summary>
internal sealed class DorakuWorkload : IDisposable
{
    private readonly int[] _a;
    private readonly int[] _b;
    private int[] _prev;
    private int[] _next;
    private readonly World _systemWorld;
    private readonly Scheduler _scheduler;
    private readonly World _doubleBufferedSystemWorld;
    private readonly Scheduler _doubleBufferedScheduler;
    private readonly World _handWorld;
    private readonly OwnerToken _hand;
    private readonly Query _handQuery;
    private readonly World _inPlaceWorld;
    private readonly OwnerToken _inPlaceHand;
    private readonly Query _inPlaceQuery;

    public DorakuWorkload(int entityCount, int entityPadding)
    {
        _a = new int[entityCount];
        _b = new int[entityCount];
        _prev = new int[entityCount];
        _next = new int[entityCount];
        _b.AsSpan().Fill(1);

        _systemWorld = Populate(entityCount, entityPadding);
        _scheduler = new Scheduler(_systemWorld, SystemPlan(), new[]
        {
            new SystemRegistration("TwoComponentsSystem", static context => new TwoComponentsSystem__PromRunner(context)),
        });

        _doubleBufferedSystemWorld = Populate(entityCount, entityPadding);
        _doubleBufferedScheduler = new Scheduler(_doubleBufferedSystemWorld, SystemPlan(), new[]
        {
            new SystemRegistration("TwoComponentsSystem", static context => new TwoComponentsSystem__PromRunner(context)),
        }, new SchedulerOptions { UpdateInPlace = false });

        _handWorld = Populate(entityCount, entityPadding);
        _hand = _handWorld.CreateOwner("Hand").Own<Component1>();
        _handQuery = _handWorld.Query().All<Component1>().All<Component2>().Build();

        _inPlaceWorld = Populate(entityCount, entityPadding);
        _inPlaceHand = _inPlaceWorld.CreateOwner("Hand").Own<Component1>();
        _inPlaceWorld.UpdateInPlace<Component1>(_inPlaceHand);
        _inPlaceQuery = _inPlaceWorld.Query().All<Component1>().All<Component2>().Build();
    }

    public World SystemWorld => _systemWorld;

    public World HandWorld => _handWorld;

    public World InPlaceWorld => _inPlaceWorld;

    public void RawScalarInPlace() => IntKernels.AddScalar(_a, _b);

    public void RawVector256InPlace() => IntKernels.AddVector256(_a, _a, _b);

    public void RawVector256DoubleBuffered()
    {
        IntKernels.AddVector256(_next, _prev, _b);
        (_prev, _next) = (_next, _prev);
    }

    public void GeneratedSystemTick() => _scheduler.Tick(0f);

    public void GeneratedSystemDoubleBufferedTick() => _doubleBufferedScheduler.Tick(0f);

    public void ViewLoopTick() => ViewLoop(_handWorld, _handQuery, _hand);

    public void ViewLoopInPlaceTick() => ViewLoop(_inPlaceWorld, _inPlaceQuery, _inPlaceHand);

    public void ChunkSimdTick() => ChunkSimd(_handWorld, _handQuery, _hand);

    public void ChunkSimdInPlaceTick() => ChunkSimd(_inPlaceWorld, _inPlaceQuery, _inPlaceHand);

    /// <summary>The tick's per-chunk bookkeeping of <see cref="ChunkSimdInPlaceTick"/> alone: columns taken and marked, no add.</summary>
    public void ChunkBookkeepingInPlaceTick()
    {
        _inPlaceWorld.BeginTick();
        foreach (QueryChunk chunk in _inPlaceQuery.Chunks())
        {
            Component1WriteColumns c1 = chunk.WriteComponent1(_inPlaceHand);
            _ = chunk.ReadComponent2();
            c1.Columns.MarkAllChanged();
        }

        _inPlaceWorld.EndTick();
    }

    private static void ViewLoop(World world, Query query, OwnerToken owner)
    {
        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            Component1WriteColumns c1 = chunk.WriteComponent1(owner);
            Component2ReadColumns c2 = chunk.ReadComponent2();
            for (int row = 0; row < c1.Count; row++)
            {
                Component1WriteView v1 = c1.DangerousGetView(row);
                v1.NextValue = v1.Value + c2.DangerousGetView(row).Value;
            }

            c1.Columns.MarkAllChanged();
        }

        world.EndTick();
    }

    private static void ChunkSimd(World world, Query query, OwnerToken owner)
    {
        world.BeginTick();
        foreach (QueryChunk chunk in query.Chunks())
        {
            Component1WriteColumns c1 = chunk.WriteComponent1(owner);
            IntKernels.AddVector256(c1.NextValue, c1.Value, chunk.ReadComponent2().Value);
            c1.Columns.MarkAllChanged();
        }

        world.EndTick();
    }

    public void TickAlone()
    {
        _handWorld.BeginTick();
        _handWorld.EndTick();
    }

    public void Dispose()
    {
        _scheduler.Dispose();
        _doubleBufferedScheduler.Dispose();
    }

    /// <summary>Doraku's setup: before every matching entity, the padding entities (Component1 only, Component2 only, alternating).</summary>
    private static World Populate(int entityCount, int entityPadding)
    {
        var world = new World();
        world.Register<Component1>();
        world.Register<Component2>();
        for (int i = 0; i < entityCount; i++)
        {
            for (int j = 0; j < entityPadding; j++)
            {
                if (j % 2 == 0)
                {
                    world.Create(new Component1());
                }
                else
                {
                    world.Create(new Component2());
                }
            }

            world.Create(new Component1(), new Component2 { Value = 1 });
        }

        return world;
    }

    /// <summary>A plan of the one system (the assembly's generated plan holds every benchmark system).</summary>
    private static SchedulePlan SystemPlan() => new(
        new[] { new SystemPlan("TwoComponentsSystem", "update", new[] { typeof(Component1).FullName! }, new[] { typeof(Component2).FullName! }, Array.Empty<string>(), Array.Empty<string>()) },
        new[] { new StagePlan("update", false, new[] { new[] { 0 } }) },
        Array.Empty<ScheduleEdge>());
}
