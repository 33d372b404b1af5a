using System.Collections;
using System.Collections.Generic;

namespace Prom.Bridge;

/// <summary>
/// Keyword arguments of a Python call. Pass it as the <em>last</em> argument:
/// <c>builtins.Call&lt;int&gt;("int", "ff", new PyKwargs { ["base"] = 16 })</c>.
/// </summary>
public sealed class PyKwargs : IEnumerable<KeyValuePair<string, object?>>
{
    private readonly List<KeyValuePair<string, object?>> _items = new();

    /// <summary>Sets a keyword argument.</summary>
    public object? this[string name]
    {
        set => Add(name, value);
    }

    /// <summary>The number of keyword arguments.</summary>
    public int Count => _items.Count;

    /// <summary>Adds a keyword argument; a name given twice is an error, as in Python.</summary>
    public void Add(string name, object? value)
    {
        foreach (KeyValuePair<string, object?> item in _items)
        {
            if (item.Key == name)
            {
                throw new System.ArgumentException($"The keyword argument '{name}' is given twice.", nameof(name));
            }
        }

        _items.Add(new KeyValuePair<string, object?>(name, value));
    }

    /// <inheritdoc />
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator() => _items.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
