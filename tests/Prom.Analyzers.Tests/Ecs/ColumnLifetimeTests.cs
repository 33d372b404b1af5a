using Prom.Testing;
using Xunit;
using static Prom.Analyzers.Tests.Ecs.EcsHazardSources;

namespace Prom.Analyzers.Tests.Ecs;

/// <summary>PROM0102: a column writer, column reader, query chunk or entity row kept beyond its tick.</summary>
public sealed class ColumnLifetimeTests
{
    [Fact]
    public void ColumnsInFieldsOfClassesAndStaticFields_ReportPROM0102() => DiagnosticAssert.Exactly(
        Analyze("""
            public sealed class Cache
            {
                private ColumnWriter<Position> _writer;
                public QueryChunk Last { get; set; }
                private readonly System.Collections.Generic.List<ColumnReader<Velocity>> _readers = new();
                private Holder _holder;
                public void Keep(QueryChunk chunk, OwnerToken owner) { _writer = chunk.Write<Position>(owner); Last = chunk; _readers.Add(chunk.Read<Velocity>()); _holder.Row = default; }
            }
            public struct Holder { public EntityRow Row; }
            public struct Shared { public static ColumnWriter<Health> Writer; }
            public sealed record Snapshot(QueryChunk[] Chunks);
            """),
        new ExpectedDiagnostic("PROM0102", "_writer", "'Cache._writer' keeps a 'ColumnWriter<Position>' in a field of class 'Cache'", "take it again in every tick"),
        new ExpectedDiagnostic("PROM0102", "Last", "'Cache.Last' keeps a 'QueryChunk' in a property of class 'Cache'"),
        new ExpectedDiagnostic("PROM0102", "_readers", "'ColumnReader<Velocity>'"),
        new ExpectedDiagnostic("PROM0102", "_holder", "'Cache._holder' keeps a 'EntityRow'"),
        new ExpectedDiagnostic("PROM0102", "Writer", "'Shared.Writer' keeps a 'ColumnWriter<Health>' in a static field"),
        new ExpectedDiagnostic("PROM0102", "Chunks", "'Snapshot.Chunks' keeps a 'QueryChunk' in a property of record 'Snapshot'"));

    [Fact]
    public void ColumnsCapturedByALambda_ReportPROM0102() => DiagnosticAssert.Exactly(
        Analyze("""
            public static class Deferred
            {
                public static System.Action Later(Query query, OwnerToken owner, EntityRow first)
                {
                    System.Action action = () => { };
                    foreach (QueryChunk chunk in query.Chunks())
                    {
                        ColumnWriter<Health> writer = chunk.Write<Health>(owner);
                        action = () => { writer.MarkAllChanged(); writer.CarryAll(); };
                        action += delegate { _ = first.Entity; };
                    }
                    return action;
                }

                public static Task Background(QueryChunk chunk) => Task.Run(() => chunk.Count);
            }
            public sealed class Listener
            {
                private System.Func<int>? _callback;
                public event System.Action? Changed;
                public void Listen(QueryChunk chunk, ColumnReader<Velocity> velocity)
                {
                    _callback = () => chunk.Count;
                    Changed += () => _ = velocity.Count;
                }
            }
            """),
        new ExpectedDiagnostic("PROM0102", "writer", "'writer' keeps a 'ColumnWriter<Health>' captured by a lambda that is returned"),
        new ExpectedDiagnostic("PROM0102", "first", "'first' keeps a 'EntityRow' captured by a lambda that is returned"),
        new ExpectedDiagnostic("PROM0102", "chunk", "'chunk' keeps a 'QueryChunk' captured by a lambda that is run later by Task.Run"),
        new ExpectedDiagnostic("PROM0102", "chunk", "captured by a lambda that is stored in field '_callback'"),
        new ExpectedDiagnostic("PROM0102", "velocity", "captured by a lambda that is added to event 'Changed'"));

    [Fact]
    public void ColumnsUsedAfterAnAwaitOrAYield_ReportPROM0102() => DiagnosticAssert.Exactly(
        Analyze("""
            public static class Suspended
            {
                public static async Task Slow(Query query, OwnerToken owner)
                {
                    foreach (QueryChunk chunk in query.Chunks())
                    {
                        ColumnWriter<Health> writer = chunk.Write<Health>(owner);
                        writer.CarryAll();
                        await Task.Yield();
                        writer.MarkAllChanged();
                    }
                }

                public static void Stale(World world, Query query, OwnerToken owner)
                {
                    ColumnWriter<Health> kept = default;
                    world.BeginTick();
                    foreach (QueryChunk chunk in query.Chunks()) { kept = chunk.Write<Health>(owner); kept.CarryAll(); }
                    world.EndTick();
                    kept.MarkAllChanged();
                }

                public static System.Collections.Generic.IEnumerable<int> Counts(QueryChunk chunk)
                {
                    yield return chunk.Count;
                    yield return chunk.Count;
                }
            }
            """),
        new ExpectedDiagnostic("PROM0102", "writer", "'writer' keeps a 'ColumnWriter<Health>' across an await"),
        new ExpectedDiagnostic("PROM0102", "kept", "'kept' keeps a 'ColumnWriter<Health>' across 'World.EndTick()'"),
        new ExpectedDiagnostic("PROM0102", "chunk", "'chunk' keeps a 'QueryChunk' across a yield return"));

    [Fact]
    public void ColumnsUsedWithinTheirTick_AreSilent() => DiagnosticAssert.Exactly(Analyze("""
        public sealed class Integrator
        {
            private readonly Query _query;
            private readonly OwnerToken _owner;
            private readonly System.Action<QueryChunk> _onChunk = chunk => _ = chunk.Count;
            public Integrator(World world) { _query = world.Query().All<Health>().Build(); _owner = world.CreateOwner("I"); world.Own<Health>(_owner); }

            public void Tick(World world)
            {
                world.BeginTick();
                foreach (QueryChunk chunk in _query.Chunks())
                {
                    ColumnWriter<Health> writer = Open(chunk);
                    writer.CarryAll();
                    var pair = new Pair(writer);
                    pair.Writer.MarkAllChanged();
                    _onChunk(chunk);
                    System.Func<QueryChunk, int> count = static c => c.Count;
                    _ = count(chunk);
                    System.Func<int> rows = () => writer.Count;
                    _ = rows();
                    System.Threading.Tasks.Parallel.For(0, writer.Count, row => writer.Carry(row));
                    _ = System.Linq.Enumerable.Sum(System.Linq.Enumerable.Select(System.Linq.Enumerable.Range(0, 4), i => chunk.Count + i));
                }
                world.EndTick();
            }

            public void Ticks(World world, int count)
            {
                ColumnWriter<Health> writer;
                for (int tick = 0; tick < count; tick++)
                {
                    world.BeginTick();
                    foreach (QueryChunk chunk in _query.Chunks()) { writer = Open(chunk); writer.CarryAll(); }
                    world.EndTick();
                }
            }

            private ColumnWriter<Health> Open(QueryChunk chunk) => chunk.Write<Health>(_owner);

            public async Task TickAsync(World world)
            {
                foreach (QueryChunk chunk in _query.Chunks()) chunk.Write<Health>(_owner).CarryAll();
                await Task.Yield();
                foreach (QueryChunk chunk in _query.Chunks()) chunk.Write<Health>(_owner).CarryAll();
            }
        }
        public ref struct Pair { public ColumnWriter<Health> Writer; public Pair(ColumnWriter<Health> writer) => Writer = writer; }
        public struct NotKept { public QueryChunk Chunk; }
        """));
}
