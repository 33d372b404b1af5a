using System;

namespace Prom.Topics.Registry;

/// <summary>A topic version the registry refuses: a duplicate, a non-increasing version or an incompatible schema.</summary>
public sealed class TopicSchemaException : Exception
{
    /// <summary>Creates the exception.</summary>
    public TopicSchemaException(string message) : base(message)
    {
    }
}
