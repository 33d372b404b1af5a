using System;

namespace Prom.Bus;

/// <summary>A bus operation was refused; <see cref="Code"/> says why and the message names the offending value.</summary>
public sealed class BusException : Exception
{
    /// <summary>Creates the exception.</summary>
    public BusException(BusErrorCode code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>What was wrong.</summary>
    public BusErrorCode Code { get; }
}
