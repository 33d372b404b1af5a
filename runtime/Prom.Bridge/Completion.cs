using System;

namespace Prom.Bridge;

/// <summary>A decoded answer waiting to be handed to its caller (after the read baton has been passed on).</summary>
internal readonly struct Completion
{
    private readonly PendingCall? _call;
    private readonly object? _result;
    private readonly Exception? _error;

    public Completion(PendingCall call, object? result, Exception? error)
    {
        _call = call;
        _result = result;
        _error = error;
    }

    /// <summary>True when this answers <paramref name="call"/>.</summary>
    public bool IsFor(PendingCall call) => ReferenceEquals(_call, call);

    /// <summary>Completes the call; its awaiting continuation may run inline, on this thread.</summary>
    public void Complete()
    {
        if (_call is null)
        {
            return;
        }

        if (_error is not null)
        {
            _call.TrySetException(_error);
        }
        else
        {
            _call.TrySetResult(_result);
        }
    }
}
