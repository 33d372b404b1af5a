using System;

namespace Prom.Ecs;

/// <summary>Thrown when a writer writes a component it does not own, or two owners claim one component.</summary>
public sealed class OwnershipException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What was wrong, naming the writer, the operation and the component.</param>
    public OwnershipException(string message) : base(message)
    {
    }
}
