using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bridge;

/// <summary>
/// Bounds the number of requests sent to Python and not yet answered. A slot is taken before a request is written
/// and given back only when its answer arrives (even a late one after a timeout), so the bound is never exceeded.
/// When the child dies every waiter fails at once with the same exception.
/// </summary>
internal sealed class InFlightWindow
{
    private readonly int _capacity;
    private readonly Queue<Waiter> _waiters = new();
    private int _inUse;
    private int _maxObserved;
    private Exception? _fault;

    public InFlightWindow(int capacity)
    {
        if (capacity < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(capacity), capacity, "The in-flight window must be at least 1.");
        }

        _capacity = capacity;
    }

    public int InUse => Volatile.Read(ref _inUse);

    public int MaxObserved => Volatile.Read(ref _maxObserved);

    /// <summary>Takes a slot if one is free and nobody is queued; throws the fault once the child is gone.</summary>
    public bool TryEnter()
    {
        lock (_waiters)
        {
            if (_fault is not null)
            {
                throw _fault;
            }

            if (_inUse < _capacity && _waiters.Count == 0)
            {
                _inUse++;
                _maxObserved = Math.Max(_maxObserved, _inUse);
                AssertInvariants();
                return true;
            }

            return false;
        }
    }

    /// <summary>Waits for a slot in FIFO order; throws <see cref="TimeoutException"/> after <paramref name="timeout"/>.</summary>
    public async ValueTask EnterAsync(TimeSpan timeout, CancellationToken ct)
    {
        Waiter waiter;
        lock (_waiters)
        {
            if (_fault is not null)
            {
                throw _fault;
            }

            if (_inUse < _capacity && _waiters.Count == 0)
            {
                _inUse++;
                _maxObserved = Math.Max(_maxObserved, _inUse);
                AssertInvariants();
                return;
            }

            ct.ThrowIfCancellationRequested();
            waiter = new Waiter();
            _waiters.Enqueue(waiter);
        }

        try
        {
            // Task.WaitAsync: one timer, no linked token source per queued call.
            await waiter.Task.WaitAsync(timeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            // A cancelled waiter stays queued and is skipped by Release. If the slot was granted meanwhile, give it back.
            if (!waiter.TryCancel() && waiter.Task.IsCompletedSuccessfully)
            {
                Release();
            }

            throw;
        }
    }

    /// <summary>Gives a slot back: to the first waiter still waiting, else to the pool.</summary>
    public void Release()
    {
        lock (_waiters)
        {
            while (_waiters.TryDequeue(out Waiter? next))
            {
                if (next.TryGrant())
                {
                    return; // the slot moves to the waiter; _inUse is unchanged
                }
            }

            _inUse--;
            AssertInvariants();
        }
    }

    public void Fault(Exception fault)
    {
        Waiter[] waiting;
        lock (_waiters)
        {
            _fault ??= fault;
            waiting = _waiters.ToArray();
            _waiters.Clear();
        }

        foreach (Waiter waiter in waiting)
        {
            waiter.TryFail(fault);
        }
    }

    [Conditional("DEBUG")]
    private void AssertInvariants() => Debug.Assert(_inUse >= 0 && _inUse <= _capacity, $"in use {_inUse} of {_capacity}");

    /// <summary>One queued caller.</summary>
    private sealed class Waiter
    {
        private readonly TaskCompletionSource _granted = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public Task Task => _granted.Task;

        public bool TryGrant() => _granted.TrySetResult();

        public bool TryCancel() => _granted.TrySetCanceled();

        public void TryFail(Exception fault) => _granted.TrySetException(fault);
    }
}
