using System;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;

namespace Prom.Bridge;

/// <summary>
/// N Python processes for CPU-bound work. <see cref="Next"/> picks the least busy one. Handles are tied to the
/// process that created them (<see cref="PyObject.Bridge"/>); passing one to another process is a
/// <see cref="BridgeHandleException"/>.
/// </summary>
public sealed class PyBridgePool : IAsyncDisposable
{
    private readonly PyBridge[] _bridges;
    private int _cursor;

    private PyBridgePool(PyBridge[] bridges) => _bridges = bridges;

    /// <summary>The processes of the pool.</summary>
    public IReadOnlyList<PyBridge> Bridges => _bridges;

    /// <summary>Starts <paramref name="size"/> processes in parallel; if one fails, the others are stopped.</summary>
    public static async Task<PyBridgePool> StartAsync(int size, PyBridgeOptions? options = null, CancellationToken ct = default)
    {
        if (size < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "A pool needs at least one process.");
        }

        options ??= new PyBridgeOptions();
        var starts = new Task<PyBridge>[size];
        for (int i = 0; i < size; i++)
        {
            starts[i] = PyBridge.StartIndexedAsync(options, i, ct);
        }

        try
        {
            return new PyBridgePool(await Task.WhenAll(starts).ConfigureAwait(false));
        }
        catch
        {
            foreach (Task<PyBridge> start in starts)
            {
                if (start.IsCompletedSuccessfully)
                {
                    await start.Result.DisposeAsync().ConfigureAwait(false);
                }
            }

            throw;
        }
    }

    /// <summary>
    /// The live process with the fewest calls in flight (round robin among equals); a busy one
    /// (<see cref="PyBridge.IsBusy"/>: a call stuck past its timeout) only when every live one is busy.
    /// </summary>
    public PyBridge Next()
    {
        int start = Interlocked.Increment(ref _cursor);
        PyBridge? best = null;
        for (int i = 0; i < _bridges.Length; i++)
        {
            PyBridge candidate = _bridges[(int)((uint)(start + i) % (uint)_bridges.Length)];
            if (candidate.IsAlive && (best is null || IsBetter(candidate, best)))
            {
                best = candidate;
            }
        }

        return best ?? throw new BridgeException("Every Python process of the pool has exited.");
    }

    private static bool IsBetter(PyBridge candidate, PyBridge best)
        => candidate.IsBusy != best.IsBusy ? !candidate.IsBusy : candidate.InFlight < best.InFlight;

    /// <summary>Lazily refers to <paramref name="module"/> in the least busy process.</summary>
    public PyPath Import(string module) => Next().Import(module);

    /// <summary>Stops every process.</summary>
    public async ValueTask DisposeAsync()
    {
        foreach (PyBridge bridge in _bridges)
        {
            await bridge.DisposeAsync().ConfigureAwait(false);
        }
    }
}
