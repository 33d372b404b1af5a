using System;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Benchmarks.Gateway;

/// <summary>Completes when a set number of acks have been confirmed by the broker (any consumer may signal).</summary>
internal sealed class AckLatch
{
    private long _remaining;
    private TaskCompletionSource _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Arms the latch for <paramref name="count"/> acks; the task completes at the last one.</summary>
    public Task Arm(int count)
    {
        _done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref _remaining, count);
        return _done.Task;
    }

    /// <summary>One ack confirmed.</summary>
    public void Signal()
    {
        long left = Interlocked.Decrement(ref _remaining);
        if (left == 0)
        {
            _done.TrySetResult();
        }
        else if (left < 0)
        {
            // More acks than records published in this operation: a redelivery (lease expiry) or a leftover of the
            // previous operation. Never expected in a steady run; fail loudly rather than report a wrong number.
            _done.TrySetException(new InvalidOperationException("More acks than records were published: a record was delivered twice."));
        }
    }
}
