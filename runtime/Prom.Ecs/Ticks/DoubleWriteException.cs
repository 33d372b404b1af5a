using System;

namespace Prom.Ecs;

/// <summary>Thrown in <see cref="CoverageMode.Strict"/> when a row is written twice in one tick.</summary>
public sealed class DoubleWriteException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="write">The offending write.</param>
    public DoubleWriteException(DoubleWrite write) : base(write.ToString()) => Write = write;

    /// <summary>The offending write.</summary>
    public DoubleWrite Write { get; }
}
