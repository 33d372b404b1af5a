using System.Threading.Tasks;
using Xunit;
using static Prom.Analyzers.Tests.Ecs.EcsVerifier;
using static Prom.Testing.Verifiers.PromDiagnostics;

namespace Prom.Analyzers.Tests.Ecs;

/// <summary>PROM0102: a column writer, column reader, query chunk or entity row kept beyond its tick.</summary>
public sealed class ColumnLifetimeTests
{
    [Fact]
    public Task ColumnsInFieldsOfClassesAndStaticFields_ReportPROM0102() => VerifyAsync(
        """
        public sealed class Cache
        {
            private ColumnWriter<Position> {|#0:_writer|};
            public QueryChunk {|#1:Last|} { get; set; }
            private readonly System.Collections.Generic.List<ColumnReader<Velocity>> {|#2:_readers|} = new();
            private Holder {|#3:{|#6:_holder|}|};
            public void Keep(QueryChunk chunk, OwnerToken owner) { _writer = chunk.Write<Position>(owner); Last = chunk; _readers.Add(chunk.Read<Velocity>()); _holder.Row = default; }
        }
        public struct Holder { public EntityRow Row; }
        public struct Shared { public static ColumnWriter<Health> {|#4:Writer|}; }
        public sealed record Snapshot(QueryChunk[] {|#5:Chunks|});
        """,
        Diagnostic("PROM0102", 0, "'Cache._writer' keeps a 'ColumnWriter<Position>' in a field of class 'Cache', which outlives the tick it was taken in; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 1, "'Cache.Last' keeps a 'QueryChunk' in a property of class 'Cache', which outlives the tick it was taken in; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 2, "'Cache._readers' keeps a 'ColumnReader<Velocity>' in a field of class 'Cache', which outlives the tick it was taken in; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 3, "'Cache._holder' keeps a 'EntityRow' in a field of class 'Cache', which outlives the tick it was taken in; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 4, "'Shared.Writer' keeps a 'ColumnWriter<Health>' in a static field, which outlives the tick it was taken in; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Compiler("CS0414", 6, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning), // assigned, never read: the point of the case
        Diagnostic("PROM0102", 5, "'Snapshot.Chunks' keeps a 'QueryChunk' in a property of record 'Snapshot', which outlives the tick it was taken in; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"));

    [Fact]
    public Task ColumnsCapturedByALambda_ReportPROM0102() => VerifyAsync(
        """
        public static class Deferred
        {
            public static System.Action Later(Query query, OwnerToken owner, EntityRow first)
            {
                System.Action action = () => { };
                foreach (QueryChunk chunk in query.Chunks())
                {
                    ColumnWriter<Health> writer = chunk.Write<Health>(owner);
                    action = () => { {|#0:writer|}.MarkAllChanged(); writer.CarryAll(); };
                    action += delegate { _ = {|#1:first|}.Entity; };
                }
                return action;
            }

            public static Task Background(QueryChunk chunk) => Task.Run(() => {|#2:chunk|}.Count);
        }
        public sealed class Listener
        {
            private System.Func<int>? _callback;
            public event System.Action? {|#5:Changed|};
            public void Listen(QueryChunk chunk, ColumnReader<Velocity> velocity)
            {
                _callback = () => {|#3:chunk|}.Count;
                Changed += () => _ = {|#4:velocity|}.Count;
            }
        }
        """,
        Diagnostic("PROM0102", 0, "'writer' keeps a 'ColumnWriter<Health>' captured by a lambda that is returned (the delegate can run after the tick); take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 1, "'first' keeps a 'EntityRow' captured by a lambda that is returned (the delegate can run after the tick); take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 2, "'chunk' keeps a 'QueryChunk' captured by a lambda that is run later by Task.Run (the delegate can run after the tick); take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 3, "'chunk' keeps a 'QueryChunk' captured by a lambda that is stored in field '_callback' (the delegate can run after the tick); take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Compiler("CS0067", 5, Microsoft.CodeAnalysis.DiagnosticSeverity.Warning), // subscribed to, never raised: the point of the case
        Diagnostic("PROM0102", 4, "'velocity' keeps a 'ColumnReader<Velocity>' captured by a lambda that is added to event 'Changed' (the delegate can run after the tick); take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"));

    [Fact]
    public Task ColumnsUsedAfterAnAwaitOrAYield_ReportPROM0102() => VerifyAsync(
        """
        public static class Suspended
        {
            public static async Task Slow(Query query, OwnerToken owner)
            {
                foreach (QueryChunk chunk in query.Chunks())
                {
                    ColumnWriter<Health> writer = chunk.Write<Health>(owner);
                    writer.CarryAll();
                    await Task.Yield();
                    {|#0:writer|}.MarkAllChanged();
                }
            }

            public static void Stale(World world, Query query, OwnerToken owner)
            {
                ColumnWriter<Health> kept = default;
                world.BeginTick();
                foreach (QueryChunk chunk in query.Chunks()) { kept = chunk.Write<Health>(owner); kept.CarryAll(); }
                world.EndTick();
                {|#1:kept|}.MarkAllChanged();
            }

            public static System.Collections.Generic.IEnumerable<int> Counts(QueryChunk chunk)
            {
                yield return {|#2:chunk|}.Count; // reported on the first use: the iterator body runs only when enumerated
                yield return chunk.Count;
            }
        }
        """,
        Diagnostic("PROM0102", 0, "'writer' keeps a 'ColumnWriter<Health>' across an await (the method resumes later, perhaps in another tick); take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 1, "'kept' keeps a 'ColumnWriter<Health>' across 'World.EndTick()', which ends the tick it was taken in; take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"),
        Diagnostic("PROM0102", 2, "'chunk' keeps a 'QueryChunk' across a yield return (the iterator resumes later, perhaps in another tick); take it again in every tick (chunk.Write<T>(owner), chunk.Read<T>(), the query loop) instead of keeping it"));

    [Fact]
    public Task ColumnsUsedWithinTheirTick_AreSilent() => VerifyAsync("""
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
        """);
}
