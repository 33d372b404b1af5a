using System;
using System.Collections.Concurrent;
using System.Threading;

namespace Prom.Bridge.Arrays;

/// <summary>
/// Dedicated threads that help large streaming copies (<see cref="BulkCopy.CopyStreamingInBlocks"/>), one per further
/// core, started on the first large copy and parked on a semaphore between copies. Not the thread pool: on the 2-core
/// VM a pool work item queued for the copy started 0.5–2.2 ms late in about a third of back-to-back by-value calls
/// (why was not pinned down), so the caller copied most blocks alone; with a parked thread of our own, woken by the
/// release, the copy plus round trip of a 64 MiB array by value took 1.19–1.21 ms instead of 1.26–1.28 ms
/// (docs/benchmarks.md, issue 15, session 14). A helper that finds the copy finished returns at once (see
/// <see cref="BulkCopy.BlockCopy.Execute"/>), so a late or busy helper never delays anyone.
/// </summary>
internal sealed class CopyHelperThreads
{
    private static readonly Lazy<CopyHelperThreads> LazyShared = new(() => new CopyHelperThreads(Math.Clamp(Environment.ProcessorCount - 1, 0, 7)));

    private readonly ConcurrentQueue<BulkCopy.BlockCopy> _work = new();
    private readonly SemaphoreSlim _ready = new(0);

    private CopyHelperThreads(int threads)
    {
        Count = threads;
        for (int i = 0; i < threads; i++)
        {
            var thread = new Thread(Run) { IsBackground = true, Name = "Prom.Bridge bulk copy " + i };
            thread.Start();
        }
    }

    /// <summary>The process's helpers (created on first use).</summary>
    public static CopyHelperThreads Shared => LazyShared.Value;

    /// <summary>The number of helper threads.</summary>
    public int Count { get; }

    /// <summary>Asks <paramref name="helpers"/> helpers (at most <see cref="Count"/>) to join <paramref name="copy"/>.</summary>
    public void Help(BulkCopy.BlockCopy copy, int helpers)
    {
        int n = Math.Min(helpers, Count);
        for (int i = 0; i < n; i++)
        {
            _work.Enqueue(copy);
        }

        if (n > 0)
        {
            _ready.Release(n);
        }
    }

    private void Run()
    {
        while (true)
        {
            _ready.Wait();
            if (_work.TryDequeue(out BulkCopy.BlockCopy? copy))
            {
                copy.Execute();
            }
        }
    }
}

