using System;

namespace Prom.Bridge;

/// <summary>Splits a <c>params object?[]</c> into positional arguments and a trailing <see cref="PyKwargs"/>.</summary>
internal static class CallArguments
{
    public static (object?[] Args, PyKwargs? Kwargs) Split(object?[]? args)
    {
        // C# passes a null array for Call("f", null): that means one None argument.
        if (args is null)
        {
            return (new object?[] { null }, null);
        }

        if (args.Length > 0 && args[^1] is PyKwargs kwargs)
        {
            return (args[..^1], kwargs);
        }

        return (args, null);
    }

    /// <summary>Writes the positional arguments under <paramref name="argsName"/>, and the keyword arguments (when there are any) under <paramref name="kwargsName"/>.</summary>
    public static void Write(Protocol.RequestWriter w, ReadOnlySpan<byte> argsName, ReadOnlySpan<byte> kwargsName, object?[] args, PyKwargs? kwargs)
    {
        w.Json.WriteStartArray(argsName);
        foreach (object? arg in args)
        {
            w.WriteValue(arg);
        }

        w.Json.WriteEndArray();
        if (kwargs is { Count: > 0 })
        {
            w.Json.WriteStartObject(kwargsName);
            foreach (var (name, value) in kwargs)
            {
                if (string.IsNullOrEmpty(name))
                {
                    throw new ArgumentException("A keyword argument needs a name.");
                }

                w.Json.WritePropertyName(name);
                w.WriteValue(value);
            }

            w.Json.WriteEndObject();
        }
    }
}
