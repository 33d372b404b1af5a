using System;
using System.Collections.Generic;
using System.Linq;
using Prom.Ecs.Tests.Components;
using Xunit;

namespace Prom.Ecs.Tests;

/// <summary>
/// Random sequences of create/destroy/add/remove/set/set-if-changed/carry/command-buffer ops and ticks, checked after
/// every tick against a naive model: a dictionary entity → (component → value) plus the set of changed pairs. The
/// in-place runs update Position and Mixed in place (<see cref="World.UpdateInPlace{T}"/>) against the same double-buffer
/// model: values, changed marks and reports must not differ; only reads of those two inside a tick throw.
/// </summary>
public class ModelBasedTests
{
    private const int Components = 4;

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 16)]
    [InlineData(3, 32)]
    [InlineData(4, 16)]
    [InlineData(5, 1024)]
    public void RandomOperations_MatchTheReferenceModel_AfterEveryTick(int seed, int chunkCapacity)
    {
        var run = new Run(seed, chunkCapacity, inPlace: false);
        int ops = run.Execute(minOperations: 10_000);
        Assert.True(ops >= 10_000);
        Assert.True(run.Ticks > 300, $"only {run.Ticks} ticks");
        Assert.True(run.MaxEntities > 50, $"population never grew: {run.MaxEntities}");
    }

    [Theory]
    [InlineData(1, 16)]
    [InlineData(2, 32)]
    [InlineData(5, 1024)]
    public void RandomOperations_WithComponentsUpdatedInPlace_MatchTheSameDoubleBufferModel(int seed, int chunkCapacity)
    {
        var run = new Run(seed, chunkCapacity, inPlace: true);
        int ops = run.Execute(minOperations: 10_000);
        Assert.True(ops >= 10_000);
        Assert.True(run.Ticks > 300, $"only {run.Ticks} ticks");
        Assert.True(run.MaxEntities > 50, $"population never grew: {run.MaxEntities}");
    }

    private sealed class Run
    {
        private readonly Random _random;
        private readonly World _world;
        private readonly OwnerToken[] _owners = new OwnerToken[Components];
        private readonly CommandBuffer[] _buffers;
        private readonly Dictionary<Entity, Dictionary<int, object>> _model = new();
        private readonly HashSet<(Entity, int)> _changed = new();
        private readonly List<Entity> _dead = new();
        private readonly Query[] _all = new Query[Components];
        private readonly Query[] _changedQueries = new Query[Components];
        private readonly Query _positionNoHealth;
        private readonly Query _changedPositionOrVelocity;
        private readonly bool[] _inPlace = new bool[Components];

        public Run(int seed, int chunkCapacity, bool inPlace)
        {
            _random = new Random(seed);
            _world = new World(new WorldOptions { ChunkCapacity = chunkCapacity });
            _owners[0] = _world.CreateOwner("PositionOwner").Own<Position>();
            _owners[1] = _world.CreateOwner("VelocityOwner").Own<Velocity>();
            _owners[2] = _world.CreateOwner("HealthOwner").Own<Health>();
            _owners[3] = _world.CreateOwner("MixedOwner").Own<Mixed>();
            if (inPlace)
            {
                _world.UpdateInPlace<Position>(_owners[0]);
                _world.UpdateInPlace<Mixed>(_owners[3]);
                _inPlace[0] = _inPlace[3] = true;
            }

            _buffers = new[] { _world.CreateCommandBuffer("first"), _world.CreateCommandBuffer("second") };
            _all[0] = _world.Query().All<Position>().Build();
            _all[1] = _world.Query().All<Velocity>().Build();
            _all[2] = _world.Query().All<Health>().Build();
            _all[3] = _world.Query().All<Mixed>().Build();
            _changedQueries[0] = _world.Query().Changed<Position>().Build();
            _changedQueries[1] = _world.Query().Changed<Velocity>().Build();
            _changedQueries[2] = _world.Query().Changed<Health>().Build();
            _changedQueries[3] = _world.Query().Changed<Mixed>().Build();
            _positionNoHealth = _world.Query().All<Position>().None<Health>().Build();
            _changedPositionOrVelocity = _world.Query().Changed<Position>().Changed<Velocity>().Build();
        }

        public int Ticks { get; private set; }

        public int MaxEntities { get; private set; }

        public int Execute(int minOperations)
        {
            int ops = 0;
            while (ops < minOperations)
            {
                int direct = _random.Next(0, 6);
                for (int i = 0; i < direct; i++, ops++)
                {
                    DirectOperation();
                }

                Verify("after direct operations");
                ops += Tick();
                Verify($"after tick {Ticks}");
                MaxEntities = Math.Max(MaxEntities, _model.Count);
            }

            return ops;
        }

        private void DirectOperation()
        {
            int roll = _random.Next(100);
            Entity? target = RandomLive();
            if (roll < 35 || target is null)
            {
                Entity e = _world.Create();
                _model[e] = new Dictionary<int, object>();
                foreach (int c in RandomComponentSet())
                {
                    object value = RandomValue(c);
                    WorldAdd(e, c, value);
                    _model[e][c] = value;
                    _changed.Add((e, c));
                }

                return;
            }

            Entity entity = target.Value;
            int component = _random.Next(Components);
            if (roll < 50 && _model.Count > 60)
            {
                _world.Destroy(entity);
                ForgetEntity(entity);
            }
            else if (roll < 70)
            {
                object value = RandomValue(component);
                WorldAdd(entity, component, value);
                _model[entity][component] = value;
                _changed.Add((entity, component));
            }
            else if (roll < 85)
            {
                bool had = _model[entity].Remove(component);
                Assert.Equal(had, WorldRemove(entity, component));
                _changed.Remove((entity, component));
            }
            else if (_model[entity].ContainsKey(component))
            {
                object value = RandomValue(component);
                WorldSet(entity, component, value);
                _model[entity][component] = value;
                _changed.Add((entity, component));
            }
        }

        private int Tick()
        {
            var next = new Dictionary<(Entity, int), object>();
            var nextChanged = new HashSet<(Entity, int)>();
            var pending = new List<(int Buffer, char Kind, Entity Entity, int Component, object? Value)>();
            var reserved = new List<Entity>();
            int ops = 0;
            _world.BeginTick();

            // Now and then one component is written per chunk first (chunk.Write, CarryAll, row sets, MarkAllChanged in
            // either order): its rows are then in `next`, so the per-row writes below leave them alone.
            if (_random.Next(3) == 0)
            {
                BulkWrite(_random.Next(Components), next, nextChanged);
            }

            int count = _random.Next(1, 40);
            for (int i = 0; i < count; i++, ops++)
            {
                int roll = _random.Next(100);
                Entity? target = RandomLive();
                if (target is null || roll < 15 || (roll < 20 && _model.Count < 80))
                {
                    int buffer = _random.Next(2);
                    Entity e = _buffers[buffer].Create();
                    Assert.False(_world.IsAlive(e));
                    reserved.Add(e);
                    pending.Add((buffer, 'C', e, -1, null));
                    foreach (int c in RandomComponentSet())
                    {
                        object value = RandomValue(c);
                        CommandAdd(_buffers[buffer], e, c, value);
                        pending.Add((buffer, 'A', e, c, value));
                    }

                    continue;
                }

                Entity entity = target.Value;
                int component = _random.Next(Components);
                bool has = _model[entity].ContainsKey(component);
                if (roll < 30)
                {
                    // Reads see prev whatever was written this tick; a component updated in place cannot be read in a tick.
                    Assert.Equal(has, WorldHas(entity, component));
                    if (has && _inPlace[component])
                    {
                        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => WorldGet(entity, component));
                        Assert.Contains("updated in place", error.Message);
                        Assert.Equal(_changed.Contains((entity, component)), WorldIsChanged(entity, component));
                    }
                    else if (has)
                    {
                        Assert.Equal(_model[entity][component], WorldGet(entity, component));
                        Assert.Equal(_changed.Contains((entity, component)), WorldIsChanged(entity, component));
                    }
                }
                else if (roll < 70 && has && !next.ContainsKey((entity, component)))
                {
                    int kind = _random.Next(3);
                    object value = kind == 2 ? _model[entity][component] : RandomValue(component);
                    if (kind == 0)
                    {
                        OwnerSet(entity, component, value);
                        nextChanged.Add((entity, component));
                    }
                    else if (kind == 1)
                    {
                        bool differs = !Equals(value, _model[entity][component]);
                        Assert.Equal(differs, OwnerSetIfChanged(entity, component, value));
                        if (differs)
                        {
                            nextChanged.Add((entity, component));
                        }
                    }
                    else
                    {
                        OwnerCarry(entity, component);
                    }

                    next[(entity, component)] = value;
                }
                else if (roll < 80 && _model.Count > 60)
                {
                    int buffer = _random.Next(2);
                    _buffers[buffer].Destroy(entity);
                    pending.Add((buffer, 'D', entity, -1, null));
                }
                else if (roll < 92)
                {
                    int buffer = _random.Next(2);
                    object value = RandomValue(component);
                    CommandAdd(_buffers[buffer], entity, component, value);
                    pending.Add((buffer, 'A', entity, component, value));
                }
                else
                {
                    int buffer = _random.Next(2);
                    CommandRemove(_buffers[buffer], entity, component);
                    pending.Add((buffer, 'R', entity, component, null));
                }
            }

            // Nothing structural is visible before the boundary.
            foreach (Entity e in reserved)
            {
                Assert.False(_world.IsAlive(e));
            }

            _world.EndTick();
            Ticks++;
            Assert.Empty(_world.Report.DoubleWrites);

            // Model commit: written values become current; this tick's changed set replaces the previous one.
            foreach (KeyValuePair<(Entity, int), object> write in next)
            {
                _model[write.Key.Item1][write.Key.Item2] = write.Value;
            }

            _changed.Clear();
            _changed.UnionWith(nextChanged);

            // Model playback: buffers in creation order, each in recording order.
            foreach ((int _, char kind, Entity entity, int component, object? value) in pending.Where(p => p.Buffer == 0).Concat(pending.Where(p => p.Buffer == 1)))
            {
                if (kind == 'C')
                {
                    _model[entity] = new Dictionary<int, object>();
                    continue;
                }

                if (!_model.ContainsKey(entity))
                {
                    continue; // skipped: destroyed earlier in the playback
                }

                switch (kind)
                {
                    case 'D':
                        ForgetEntity(entity);
                        break;
                    case 'A':
                        _model[entity][component] = value!;
                        _changed.Add((entity, component));
                        break;
                    default:
                        _model[entity].Remove(component);
                        _changed.Remove((entity, component));
                        break;
                }
            }

            return ops;
        }

        private void Verify(string when)
        {
            Assert.True(_model.Count == _world.EntityCount, $"{when}: {_world.EntityCount} entities, model has {_model.Count}");
            foreach ((Entity entity, Dictionary<int, object> components) in _model)
            {
                Assert.True(_world.IsAlive(entity), $"{when}: {entity} should be alive");
                for (int c = 0; c < Components; c++)
                {
                    bool has = components.TryGetValue(c, out object? expected);
                    Assert.True(has == WorldHas(entity, c), $"{when}: {entity} has component {c}: expected {has}");
                    if (has)
                    {
                        object actual = WorldGet(entity, c);
                        Assert.True(Equals(expected, actual), $"{when}: {entity} component {c} is {actual}, expected {expected}");
                        bool changed = _changed.Contains((entity, c));
                        Assert.True(changed == WorldIsChanged(entity, c), $"{when}: {entity} component {c} changed should be {changed}");
                    }
                }
            }

            foreach (Entity dead in _dead.Skip(Math.Max(0, _dead.Count - 50)))
            {
                Assert.False(_world.IsAlive(dead), $"{when}: destroyed {dead} is alive");
            }

            for (int c = 0; c < Components; c++)
            {
                Assert.Equal(_model.Values.Count(v => v.ContainsKey(c)), _all[c].Count());
                Assert.Equal(_changed.Count(p => p.Item2 == c), _changedQueries[c].Count());
            }

            Assert.Equal(_model.Values.Count(v => v.ContainsKey(0) && !v.ContainsKey(2)), _positionNoHealth.Count());
            var expectedChanged = new HashSet<Entity>(_changed.Where(p => p.Item2 is 0 or 1).Select(p => p.Item1));
            var actualChanged = new List<Entity>();
            foreach (EntityRow row in _changedPositionOrVelocity.Rows())
            {
                actualChanged.Add(row.Entity);
            }

            Assert.Equal(expectedChanged.Count, actualChanged.Count);
            Assert.True(expectedChanged.SetEquals(actualChanged), $"{when}: changed-query rows differ");
        }

        private void BulkWrite(int c, Dictionary<(Entity, int), object> next, HashSet<(Entity, int)> nextChanged)
        {
            switch (c)
            {
                case 0: BulkWrite<Position>(c, next, nextChanged); break;
                case 1: BulkWrite<Velocity>(c, next, nextChanged); break;
                case 2: BulkWrite<Health>(c, next, nextChanged); break;
                default: BulkWrite<Mixed>(c, next, nextChanged); break;
            }
        }

        /// <summary>
        /// Writes every row of every chunk of component <paramref name="c"/> through a per-chunk writer: carry all, then
        /// by chunk no marks, MarkAllChanged, a few row sets, or row sets before or after MarkAllChanged.
        /// </summary>
        private void BulkWrite<T>(int c, Dictionary<(Entity, int), object> next, HashSet<(Entity, int)> nextChanged)
            where T : unmanaged, IStruct<T>
        {
            foreach (QueryChunk chunk in _all[c].Chunks())
            {
                ColumnWriter<T> writer = chunk.Write<T>(_owners[c]);
                writer.CarryAll();
                int mode = _random.Next(5);
                for (int row = 0; row < chunk.Count; row++)
                {
                    next[(chunk.Entities[row], c)] = _model[chunk.Entities[row]][c];
                }

                if (mode is 1 or 3)
                {
                    writer.MarkAllChanged();
                }

                if (mode >= 2)
                {
                    int sets = _random.Next(1, 4);
                    for (int i = 0; i < sets; i++)
                    {
                        int row = _random.Next(chunk.Count);
                        object value = RandomValue(c);
                        writer.Set(row, (T)value);
                        next[(chunk.Entities[row], c)] = value;
                        nextChanged.Add((chunk.Entities[row], c));
                    }
                }

                if (mode == 2)
                {
                    writer.MarkAllChanged();
                }

                if (mode is 1 or 2 or 3)
                {
                    for (int row = 0; row < chunk.Count; row++)
                    {
                        nextChanged.Add((chunk.Entities[row], c));
                    }
                }
            }
        }

        private void ForgetEntity(Entity entity)
        {
            _model.Remove(entity);
            _changed.RemoveWhere(p => p.Item1 == entity);
            _dead.Add(entity);
        }

        private Entity? RandomLive()
        {
            if (_model.Count == 0)
            {
                return null;
            }

            return _model.Keys.ElementAt(_random.Next(_model.Count));
        }

        private List<int> RandomComponentSet()
        {
            var set = new List<int>();
            for (int c = 0; c < Components; c++)
            {
                if (_random.Next(2) == 0)
                {
                    set.Add(c);
                }
            }

            return set;
        }

        // Small value domain so that SetIfChanged often sees equal values.
        private object RandomValue(int c) => c switch
        {
            0 => new Position(_random.Next(3), _random.Next(3)),
            1 => new Velocity(_random.Next(3), -_random.Next(3)),
            2 => new Health(_random.Next(3)),
            _ => new Mixed(_random.Next(3) * 0.5, (byte)_random.Next(3), (short)_random.Next(-1, 2)),
        };

        private object WorldGet(Entity e, int c) => c switch
        {
            0 => _world.Get<Position>(e),
            1 => _world.Get<Velocity>(e),
            2 => _world.Get<Health>(e),
            _ => _world.Get<Mixed>(e),
        };

        private bool WorldHas(Entity e, int c) => c switch
        {
            0 => _world.Has<Position>(e),
            1 => _world.Has<Velocity>(e),
            2 => _world.Has<Health>(e),
            _ => _world.Has<Mixed>(e),
        };

        private bool WorldIsChanged(Entity e, int c) => c switch
        {
            0 => _world.IsChanged<Position>(e),
            1 => _world.IsChanged<Velocity>(e),
            2 => _world.IsChanged<Health>(e),
            _ => _world.IsChanged<Mixed>(e),
        };

        private void WorldAdd(Entity e, int c, object v)
        {
            switch (c)
            {
                case 0: _world.Add(e, (Position)v); break;
                case 1: _world.Add(e, (Velocity)v); break;
                case 2: _world.Add(e, (Health)v); break;
                default: _world.Add(e, (Mixed)v); break;
            }
        }

        private bool WorldRemove(Entity e, int c) => c switch
        {
            0 => _world.Remove<Position>(e),
            1 => _world.Remove<Velocity>(e),
            2 => _world.Remove<Health>(e),
            _ => _world.Remove<Mixed>(e),
        };

        private void WorldSet(Entity e, int c, object v)
        {
            switch (c)
            {
                case 0: _world.Set(e, (Position)v); break;
                case 1: _world.Set(e, (Velocity)v); break;
                case 2: _world.Set(e, (Health)v); break;
                default: _world.Set(e, (Mixed)v); break;
            }
        }

        private void OwnerSet(Entity e, int c, object v)
        {
            switch (c)
            {
                case 0: _owners[0].Set(e, (Position)v); break;
                case 1: _owners[1].Set(e, (Velocity)v); break;
                case 2: _owners[2].Set(e, (Health)v); break;
                default: _owners[3].Set(e, (Mixed)v); break;
            }
        }

        private bool OwnerSetIfChanged(Entity e, int c, object v) => c switch
        {
            0 => _owners[0].SetIfChanged(e, (Position)v),
            1 => _owners[1].SetIfChanged(e, (Velocity)v),
            2 => _owners[2].SetIfChanged(e, (Health)v),
            _ => _owners[3].SetIfChanged(e, (Mixed)v),
        };

        private void OwnerCarry(Entity e, int c)
        {
            switch (c)
            {
                case 0: _owners[0].Carry<Position>(e); break;
                case 1: _owners[1].Carry<Velocity>(e); break;
                case 2: _owners[2].Carry<Health>(e); break;
                default: _owners[3].Carry<Mixed>(e); break;
            }
        }

        private static void CommandAdd(CommandBuffer buffer, Entity e, int c, object v)
        {
            switch (c)
            {
                case 0: buffer.Add(e, (Position)v); break;
                case 1: buffer.Add(e, (Velocity)v); break;
                case 2: buffer.Add(e, (Health)v); break;
                default: buffer.Add(e, (Mixed)v); break;
            }
        }

        private static void CommandRemove(CommandBuffer buffer, Entity e, int c)
        {
            switch (c)
            {
                case 0: buffer.Remove<Position>(e); break;
                case 1: buffer.Remove<Velocity>(e); break;
                case 2: buffer.Remove<Health>(e); break;
                default: buffer.Remove<Mixed>(e); break;
            }
        }
    }
}
