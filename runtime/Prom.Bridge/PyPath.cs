using System;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Prom.Bridge.Protocol;
using Prom.Bridge.Values;

namespace Prom.Bridge;

/// <summary>
/// A lazy reference into Python: a root (a module to import, or a handle) and steps (attribute, item, call).
/// Building a path sends nothing; a terminal method (<see cref="Call{T}"/>, <see cref="Get{T}"/>, …) sends the
/// whole path as one <c>chain</c> request, so <c>py.Import("math").Call&lt;double&gt;("sqrt", 16)</c> is one round trip.
/// Paths are immutable and can be reused.
/// </summary>
public sealed class PyPath
{
    private readonly PyBridge _bridge;
    private readonly string? _module;
    private readonly PyObject? _root;
    private readonly PathStep[] _steps;
    private readonly TimeSpan? _timeout;
    private readonly CancellationToken _ct;

    internal PyPath(PyBridge bridge, string module)
        : this(bridge, module, null, Array.Empty<PathStep>(), null, default)
    {
        if (string.IsNullOrWhiteSpace(module))
        {
            throw new ArgumentException("A module name is required.", nameof(module));
        }
    }

    internal PyPath(PyBridge bridge, PyObject root)
        : this(bridge, null, root, Array.Empty<PathStep>(), null, default)
    {
    }

    private PyPath(PyBridge bridge, string? module, PyObject? root, PathStep[] steps, TimeSpan? timeout, CancellationToken ct)
    {
        _bridge = bridge;
        _module = module;
        _root = root;
        _steps = steps;
        _timeout = timeout;
        _ct = ct;
    }

    /// <summary>The bridge this path is evaluated on.</summary>
    public PyBridge Bridge => _bridge;

    /// <summary>Lazily refers to attribute <paramref name="name"/> of this path.</summary>
    public PyPath Attr(string name) => With(new PathStep(PathStepKind.Attr, name, null, null, null));

    /// <summary>Lazily refers to <c>this[key]</c>.</summary>
    public PyPath Item(object? key) => With(new PathStep(PathStepKind.Item, null, null, null, key));

    /// <summary>Lazily calls method <paramref name="name"/> and continues from its result (still one round trip).</summary>
    public PyPath Then(string name, params object?[]? args) => Attr(name).With(CallStep(args));

    /// <summary>The same path, with calls timing out after <paramref name="timeout"/> (queueing for the window included).</summary>
    public PyPath WithTimeout(TimeSpan timeout) => new(_bridge, _module, _root, _steps, timeout, _ct);

    /// <summary>The same path, with calls observing <paramref name="ct"/>.</summary>
    public PyPath WithCancellation(CancellationToken ct) => new(_bridge, _module, _root, _steps, _timeout, ct);

    /// <summary>Calls method <paramref name="name"/> of this path; a trailing <see cref="PyKwargs"/> gives keyword arguments.</summary>
    public async Task<T> Call<T>(string name, params object?[]? args)
        => PyConvert.To<T>(await SendCallAsync(name, args, PyConvert.ModeFor<T>()).ConfigureAwait(false));

    /// <summary>Calls method <paramref name="name"/> of this path and ignores its result (nothing is sent back).</summary>
    public Task Call(string name, params object?[]? args) => SendCallAsync(name, args, ReturnMode.None);

    /// <summary>Calls this path itself: <c>path(*args, **kwargs)</c>.</summary>
    public Task<T> Invoke<T>(params object?[]? args) => With(CallStep(args)).Get<T>();

    /// <summary>Evaluates the path and converts the result to <typeparamref name="T"/> (see docs/bridge.md for the value policy).</summary>
    public async Task<T> Get<T>()
        => PyConvert.To<T>(await SendAsync(PyConvert.ModeFor<T>(), 0, static (_, _) => { }).ConfigureAwait(false));

    /// <summary>Evaluates the path and returns a handle to the result (<c>None</c> gives null).</summary>
    public Task<PyObject> GetHandle() => Get<PyObject>();

    /// <summary>Reads <c>this[key]</c>.</summary>
    public Task<T> GetItem<T>(object? key) => Item(key).Get<T>();

    /// <summary>Sets attribute <paramref name="name"/> of the object this path refers to.</summary>
    public Task SetAttr(string name, object? value)
        => SendAsync(ReturnMode.None, (name, value), static (w, set) =>
        {
            w.Json.WriteStartObject();
            w.Json.WriteString("s"u8, set.name);
            w.Json.WritePropertyName("v"u8);
            w.WriteValue(set.value);
            w.Json.WriteEndObject();
        });

    /// <summary><c>repr()</c> of the object this path refers to.</summary>
    public async Task<string> Repr()
        => PyConvert.To<string>(await SendAsync(ReturnMode.Repr, 0, static (_, _) => { }).ConfigureAwait(false));

    /// <inheritdoc />
    public override string ToString()
    {
        var text = new StringBuilder(_module ?? _root?.ToString() ?? "?");
        foreach (PathStep step in _steps)
        {
            text.Append(step.Kind switch
            {
                PathStepKind.Attr => "." + step.Name,
                PathStepKind.Item => "[…]",
                _ => "(…)",
            });
        }

        return text.ToString();
    }

    private static PathStep CallStep(object?[]? args)
    {
        (object?[] positional, PyKwargs? kwargs) = CallArguments.Split(args);
        return new PathStep(PathStepKind.Call, null, positional, kwargs, null);
    }

    private PyPath With(PathStep step)
    {
        var steps = new PathStep[_steps.Length + 1];
        _steps.CopyTo(steps, 0);
        steps[^1] = step;
        return new PyPath(_bridge, _module, _root, steps, _timeout, _ct);
    }

    /// <summary>
    /// Sends <c>this.name(*args, **kwargs)</c>: the request <c>Attr(name)</c> plus a call step would send, written
    /// straight from the arguments (the common small call builds no intermediate paths or step arrays).
    /// </summary>
    private Task<object?> SendCallAsync(string name, object?[]? args, ReturnMode ret)
        => SendAsync(ret, (name, args), static (w, call) =>
        {
            (object?[] positional, PyKwargs? kwargs) = CallArguments.Split(call.args);
            WriteStep(w, new PathStep(PathStepKind.Attr, call.name, null, null, null));
            WriteStep(w, new PathStep(PathStepKind.Call, null, positional, kwargs, null));
        });

    /// <summary>
    /// Writes <c>{"op": "chain", "root", "steps": [...]}</c>, lets <paramref name="extra"/> add final steps from
    /// <paramref name="state"/> (a static lambda and a value-type state: nothing allocated per call), sends.
    /// </summary>
    private Task<object?> SendAsync<TState>(ReturnMode ret, TState state, Action<RequestWriter, TState> extra)
    {
        RequestWriter w = _bridge.NewRequest("chain");
        try
        {
            w.Json.WriteStartObject("root"u8);
            if (_root is not null)
            {
                w.Json.WriteNumber("ref"u8, _root.IdFor(_bridge));
            }
            else
            {
                w.Json.WriteString("import"u8, _module);
            }

            w.Json.WriteEndObject();
            w.Json.WriteStartArray("steps"u8);
            foreach (PathStep step in _steps)
            {
                WriteStep(w, step);
            }

            extra(w, state);
            w.Json.WriteEndArray();
        }
        catch
        {
            w.Dispose();
            throw;
        }

        return _bridge.SendAsync(w, ret, _timeout, _ct);
    }

    private static void WriteStep(RequestWriter w, in PathStep step)
    {
        w.Json.WriteStartObject();
        switch (step.Kind)
        {
            case PathStepKind.Attr:
                w.Json.WriteString("a"u8, step.Name);
                break;
            case PathStepKind.Item:
                w.Json.WritePropertyName("i"u8);
                w.WriteValue(step.Key);
                break;
            default:
                CallArguments.Write(w, "c"u8, "k"u8, step.Args!, step.Kwargs);
                break;
        }

        w.Json.WriteEndObject();
    }
}
