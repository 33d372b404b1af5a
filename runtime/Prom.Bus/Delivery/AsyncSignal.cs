using System;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bus;

/// <summary>
/// An auto-reset wake-up: <see cref="Set"/> releases one pending or the next <see cref="WaitAsync"/>. A set with
/// nobody waiting is remembered, so a publish that lands between "claim found nothing" and "wait" is never missed.
/// </summary>
internal sealed class AsyncSignal
{
    private readonly Lock _lock = new();
    private TaskCompletionSource? _waiter;
    private bool _set;

    public void Set()
    {
        TaskCompletionSource? toRelease;
        lock (_lock)
        {
            toRelease = _waiter;
            _waiter = null;
            if (toRelease is null)
            {
                _set = true;
            }
        }

        // Completed outside the lock, and with RunContinuationsAsynchronously, so a waiter's continuation never runs on the publisher's thread.
        toRelease?.TrySetResult();
    }

    /// <summary>Waits for a set, the timeout or cancellation; returns true when signalled.</summary>
    public async Task<bool> WaitAsync(TimeSpan timeout, TimeProvider time, CancellationToken ct)
    {
        Task wait;
        lock (_lock)
        {
            if (_set)
            {
                _set = false;
                return true;
            }

            _waiter ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            wait = _waiter.Task;
        }

        // No TimeoutException: refill deferrals (ClaimRefill) time out routinely, and a throw costs more than the claim.
        await wait.WaitAsync(timeout, time, ct).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        bool signalled = wait.IsCompleted;
        if (!signalled)
        {
            lock (_lock)
            {
                // Timed out or cancelled: forget the waiter, so a Set from now on is remembered for the next wait instead
                // of completing a task nobody awaits any more (that Set would otherwise be lost until the next timeout).
                // If a Set took it meanwhile, it counts.
                signalled = !ReferenceEquals(_waiter?.Task, wait);
                if (!signalled)
                {
                    _waiter = null;
                }
            }
        }

        if (ct.IsCancellationRequested)
        {
            if (signalled)
            {
                Set(); // not consumed by this cancelled wait: keep it for the next one (a spurious wake is harmless)
            }

            ct.ThrowIfCancellationRequested();
        }

        return signalled;
    }
}
