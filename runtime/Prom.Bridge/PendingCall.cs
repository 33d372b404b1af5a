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
