using System.Threading;
using System.Threading.Tasks;
using Prom.Bridge.Protocol;

namespace Prom.Bridge;

/// <summary>A request written to Python whose answer has not arrived yet.</summary>
internal sealed class PendingCall
{
    /// <summary>
    /// Continuations run synchronously: a reader thread completes a call only after handing reading on to another
    /// thread, so the caller continues on the thread that received its answer (no thread-pool hop).
    /// </summary>
    private readonly TaskCompletionSource<object?> _result = new();
    private int _abandoned;

    public PendingCall(long id, ReturnMode ret)
    {
        Id = id;
        Return = ret;
    }

    public long Id { get; }

    public ReturnMode Return { get; }

    public Task<object?> Task => _result.Task;

    /// <summary>0: not stuck; 1: abandoned after it was sent, its answer still awaited (the bridge is busy); 2: settled.</summary>
    private int _stuck;
    private System.Threading.Timer? _grace;

    /// <summary>Pool segments this call carries (by-value arrays, rented arrays); their references end with its answer.</summary>
    public System.Collections.Generic.List<Arrays.PooledSegment>? Lent { get; set; }

    /// <summary>True when the request went through the shared ring (its answer may come back there).</summary>
    public bool ViaRing { get; set; }

    /// <summary>True once the request is committed to the stream (Python will run it).</summary>
    public bool IsWritten { get; set; }

    /// <summary>Marks an abandoned, written call as stuck in Python and arms <paramref name="grace"/>; true the first time.</summary>
    public bool TryMarkStuck(System.TimeSpan grace, System.Threading.TimerCallback expired, object state)
    {
        if (Interlocked.CompareExchange(ref _stuck, 1, 0) != 0)
        {
            return false;
        }

        if (grace != Timeout.InfiniteTimeSpan)
        {
            _grace = new System.Threading.Timer(expired, state, grace, Timeout.InfiniteTimeSpan);
        }

        return true;
    }

    /// <summary>Ends the stuck state (its answer arrived, or the child is gone); true when it was stuck.</summary>
    public bool TryClearStuck()
    {
        if (Interlocked.CompareExchange(ref _stuck, 2, 1) != 1)
        {
            return false;
        }

        _grace?.Dispose();
        return true;
    }

    /// <summary>True while the call is stuck (abandoned, sent, unanswered).</summary>
    public bool IsStuck => Volatile.Read(ref _stuck) == 1;

    /// <summary>True once the caller gave up (timeout or cancellation): the answer, when it comes, is discarded.</summary>
    public bool IsAbandoned => Volatile.Read(ref _abandoned) != 0;

    /// <summary>Marks the call abandoned; its task is cancelled so a later fault is never an unobserved exception.</summary>
    public void Abandon()
    {
        Interlocked.Exchange(ref _abandoned, 1);
        _result.TrySetCanceled();
    }

    public bool TrySetResult(object? value) => _result.TrySetResult(value);

    public bool TrySetException(System.Exception error) => _result.TrySetException(error);
}
