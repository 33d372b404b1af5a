using System;
using System.Reflection;
using System.Runtime.Loader;

namespace Prom.Testing;

/// <summary>
/// A compiled test assembly loaded into a collectible <see cref="AssemblyLoadContext"/>, so tests can run generated
/// code and unload it. Prom.Abstractions resolves to the test's own copy, so its types are shared with the test.
/// </summary>
public sealed class LoadedAssembly : IDisposable
{
    private readonly AssemblyLoadContext _context;

    internal LoadedAssembly(AssemblyLoadContext context, Assembly assembly)
    {
        _context = context;
        Assembly = assembly;
    }

    /// <summary>The loaded assembly.</summary>
    public Assembly Assembly { get; }

    /// <summary>A type by full name; throws naming it when missing.</summary>
    public Type Type(string fullName) =>
        Assembly.GetType(fullName) ?? throw new InvalidOperationException($"The compiled assembly has no type '{fullName}'.");

    /// <summary>Calls a public static method and returns its result.</summary>
    public object? Invoke(string typeName, string methodName, params object?[] arguments)
    {
        MethodInfo method = Type(typeName).GetMethod(methodName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"'{typeName}' has no public static method '{methodName}'.");
        try
        {
            return method.Invoke(null, arguments);
        }
        catch (TargetInvocationException exception) when (exception.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(exception.InnerException).Throw();
            throw;
        }
    }

    /// <summary>Calls a public static method and casts its result.</summary>
    public T Invoke<T>(string typeName, string methodName, params object?[] arguments) => (T)Invoke(typeName, methodName, arguments)!;

    /// <summary>The value of a public static property.</summary>
    public T StaticProperty<T>(string typeName, string propertyName) =>
        (T)(Type(typeName).GetProperty(propertyName, BindingFlags.Public | BindingFlags.Static)
            ?? throw new InvalidOperationException($"'{typeName}' has no public static property '{propertyName}'.")).GetValue(null)!;

    /// <inheritdoc/>
    public void Dispose() => _context.Unload();
}
