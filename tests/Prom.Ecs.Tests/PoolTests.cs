using System;
using Prom.Ecs.Pools;
using Xunit;

namespace Prom.Ecs.Tests;

public class PoolTests
{
    private sealed class Scratch : IPoolable
    {
        public float[] Values { get; } = new float[16];

        public int Used { get; set; }

        public void Clear()
        {
            Array.Clear(Values);
            Used = 0;
        }
    }

    [Fact]
    public void Despawn_ClearsTheObject_AndSpawnReusesIt()
    {
        var pool = new Pool<Scratch>();
        Scratch first = pool.Spawn();
        first.Values[3] = 42;
        first.Used = 4;
        pool.Despawn(first);
        Scratch again = pool.Spawn();
        Assert.Same(first, again);
        Assert.Equal(0, again.Used);
        Assert.Equal(0f, again.Values[3]);
        Assert.Equal(1, pool.Created);
    }

    [Fact]
    public void PrewarmedPool_SpawnsAndDespawnsWithoutAllocating()
    {
        var pool = new Pool<Scratch>(prewarm: 8);
        var held = new Scratch[8];
        for (int round = 0; round < 3; round++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            for (int i = 0; i < 8; i++)
            {
                held[i] = pool.Spawn();
            }

            for (int i = 0; i < 8; i++)
            {
                pool.Despawn(held[i]);
            }

            Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        Assert.Equal(8, pool.Created);
        Assert.Equal(8, pool.Available);
    }
}
