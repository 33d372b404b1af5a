using System;
using System.Diagnostics;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bridge.Protocol;
using Prom.Bridge.Values;

namespace Prom.Bridge;

/// <summary>
/// A handle to a Python object that stays in the child's object table until the handle is disposed (or
/// finalized). The same Python object always comes back as the same <see cref="PyObject"/> instance while this one
/// is alive. A handle belongs to the process that created it; it cannot be passed to another bridge of a pool.
/// </summary>
[DebuggerDisplay("{ToString(),nq}")]
public sealed class PyObject : IAsyncDisposable
{
    private readonly PyBridge _bridge;
    private int _received = 1;
    private int _disposed;

    internal PyObject(PyBridge bridge, long id)
    {
        _bridge = bridge;
        HandleId = id;
    }

    /// <summary>Finalizer: queues the release of an undisposed handle (sent with the next message).</summary>
    ~PyObject()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 0)
        {
            _bridge.Handles.ForgetCollected(HandleId);
            _bridge.EnqueueRelease(HandleId, _received);
        }
    }

    /// <summary>The bridge (process) this handle belongs to.</summary>
    public PyBridge Bridge => _bridge;

    /// <summary>The id of the object in Python's object table.</summary>
    public long HandleId { get; }

    /// <summary>True after <see cref="DisposeAsync"/>.</summary>
    public bool IsDisposed => Volatile.Read(ref _disposed) != 0;

    /// <summary>A lazy path rooted at this object.</summary>
    public PyPath Path => new(_bridge, this);

    /// <summary>Lazily refers to attribute <paramref name="name"/>.</summary>
    public PyPath Attr(string name) => Path.Attr(name);

    /// <summary>Lazily refers to <c>self[key]</c>.</summary>
    public PyPath Item(object? key) => Path.Item(key);

    /// <summary>A path rooted at this object whose calls time out after <paramref name="timeout"/>.</summary>
    public PyPath WithTimeout(TimeSpan timeout) => Path.WithTimeout(timeout);

    /// <summary>A path rooted at this object whose calls observe <paramref name="ct"/>.</summary>
    public PyPath WithCancellation(CancellationToken ct) => Path.WithCancellation(ct);

    /// <summary>Calls method <paramref name="name"/> (one round trip); a trailing <see cref="PyKwargs"/> gives keyword arguments.</summary>
    public Task<T> Call<T>(string name, params object?[]? args) => Path.Call<T>(name, args);

    /// <summary>Calls method <paramref name="name"/> and ignores its result.</summary>
    public Task Call(string name, params object?[]? args) => Path.Call(name, args);

    /// <summary>Calls the object itself (op <c>call</c>).</summary>
    public async Task<T> Invoke<T>(params object?[]? args)
    {
        (object?[] positional, PyKwargs? kwargs) = CallArguments.Split(args);
        RequestWriter w = NewRequest("call");
        CallArguments.Write(w, "args"u8, "kwargs"u8, positional, kwargs);
        return PyConvert.To<T>(await _bridge.SendAsync(w, PyConvert.ModeFor<T>(), null, default).ConfigureAwait(false));
    }

    /// <summary>Reads attribute <paramref name="name"/> (op <c>getattr</c>).</summary>
    public async Task<T> Get<T>(string name)
    {
        RequestWriter w = NewRequest("getattr");
        w.Json.WriteString("name", name);
        return PyConvert.To<T>(await _bridge.SendAsync(w, PyConvert.ModeFor<T>(), null, default).ConfigureAwait(false));
    }

    /// <summary>Sets attribute <paramref name="name"/> (op <c>setattr</c>).</summary>
    public async Task SetAttr(string name, object? value)
    {
        RequestWriter w = NewRequest("setattr");
        w.Json.WriteString("name", name);
        w.Json.WritePropertyName("value");
        w.WriteValue(value);
        await _bridge.SendAsync(w, ReturnMode.None, null, default).ConfigureAwait(false);
    }

    /// <summary>Reads <c>self[key]</c> (op <c>getitem</c>).</summary>
    public async Task<T> GetItem<T>(object? key)
    {
        RequestWriter w = NewRequest("getitem");
        w.Json.WritePropertyName("key");
        w.WriteValue(key);
        return PyConvert.To<T>(await _bridge.SendAsync(w, PyConvert.ModeFor<T>(), null, default).ConfigureAwait(false));
    }

    /// <summary><c>repr(self)</c> (op <c>repr</c>).</summary>
    public async Task<string> Repr()
    {
        RequestWriter w = NewRequest("repr");
        return PyConvert.To<string>(await _bridge.SendAsync(w, ReturnMode.Auto, null, default).ConfigureAwait(false));
    }

    /// <summary>Releases the object in Python (op <c>release</c>). Using the handle afterwards throws <see cref="ObjectDisposedException"/>.</summary>
    public async ValueTask DisposeAsync()
    {
        GC.SuppressFinalize(this);
        int count = _bridge.Handles.Forget(this);
        if (count > 0 && _bridge.IsAlive)
        {
            _bridge.EnqueueRelease(HandleId, count);
            await _bridge.FlushQueuedAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public override string ToString() => $"PyObject #{HandleId} of process {_bridge.ProcessId}{(IsDisposed ? " (disposed)" : "")}";

    /// <summary>One more reference received from Python (called under the handle table's lock).</summary>
    internal void AddReceived() => _received++;

    /// <summary>Marks the handle disposed and returns the references to release (0 when already disposed); under the table's lock.</summary>
    internal int MarkDisposed() => Interlocked.Exchange(ref _disposed, 1) == 0 ? _received : 0;

    /// <summary>The id to put on the wire for <paramref name="target"/>, after the affinity and liveness checks.</summary>
    internal long IdFor(PyBridge target)
    {
        if (IsDisposed)
        {
            throw new ObjectDisposedException(nameof(PyObject), $"The handle {this} was disposed; its Python object may be gone.");
        }

        if (!ReferenceEquals(target, _bridge))
        {
            throw new BridgeHandleException(
                $"The handle #{HandleId} belongs to Python process {_bridge.ProcessId} (bridge #{_bridge.Index}); it cannot be used in "
                + $"process {target.ProcessId} (bridge #{target.Index}). Call the bridge that owns it (handle.Bridge).");
        }

        return HandleId;
    }

    private RequestWriter NewRequest(string op)
    {
        RequestWriter w = _bridge.NewRequest(op);
        try
        {
            w.Json.WriteNumber("ref", IdFor(_bridge));
            return w;
        }
        catch
        {
            w.Dispose();
            throw;
        }
    }
}
