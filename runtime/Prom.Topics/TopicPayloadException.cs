using System;

namespace Prom.Topics;

/// <summary>A topic payload that does not match its schema: thrown on publish (validation) and on read.</summary>
public sealed class TopicPayloadException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="topic">The topic name.</param>
    /// <param name="payloadType">The payload type's name.</param>
    /// <param name="member">The C# member name, or null when the payload as a whole is wrong.</param>
    /// <param name="jsonName">The JSON member name, or null.</param>
    /// <param name="problem">What is wrong, e.g. <c>is required but missing</c>.</param>
    public TopicPayloadException(string topic, string payloadType, string? member, string? jsonName, string problem)
        : base(member is null
            ? $"Payload '{payloadType}' of topic '{topic}' {problem}."
            : $"Member '{member}' (JSON '{jsonName}') of payload '{payloadType}' on topic '{topic}' {problem}.")
    {
        Topic = topic;
        PayloadType = payloadType;
        Member = member;
        JsonName = jsonName;
    }

    /// <summary>The topic name.</summary>
    public string Topic { get; }

    /// <summary>The payload type's name.</summary>
    public string PayloadType { get; }

    /// <summary>The failing C# member, or null when the payload as a whole is wrong.</summary>
    public string? Member { get; }

    /// <summary>The failing JSON member name, or null.</summary>
    public string? JsonName { get; }
}
