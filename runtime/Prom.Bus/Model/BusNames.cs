using System;
using System.Collections.Generic;
using System.Text.RegularExpressions;

namespace Prom.Bus;

/// <summary>
/// The naming rules of DESIGN §5 for topics, groups and header keys. Topic and header checks are
/// <c>TopicNameRules</c>, one source file compiled into this assembly and into the generators' code model.
/// </summary>
public static partial class BusNames
{
    /// <summary>Prefix of dead-letter topics: the DLQ of <c>t</c> is <c>dlq.t</c>.</summary>
    public const string DlqPrefix = "dlq.";

    /// <summary>
    /// Header that routes a record to one consumer group: every other group settles it without delivering it. DLQ replay
    /// sets it to the group the record failed in, so the replay reaches only that group.
    /// </summary>
    public const string TargetGroupHeader = "x-prom-target-group";

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex GroupRegex();

    /// <summary>Whether <paramref name="topic"/> satisfies <c>^[a-z0-9]+(\.[a-z0-9]+)*(\.v\d+)?$</c>.</summary>
    /// <remarks>The check is <c>TopicNameRules</c>, the same source file the [Topic] analyzers compile.</remarks>
    public static bool IsValidTopic(string? topic) => TopicNameRules.IsValidTopicName(topic);

    /// <summary>Throws a <see cref="BusException"/> naming <paramref name="topic"/> when it breaks the topic rule.</summary>
    public static void ValidateTopic(string? topic)
    {
        if (!IsValidTopic(topic))
        {
            throw new BusException(BusErrorCode.InvalidTopic,
                $"Invalid topic name '{topic}': topics must match ^[a-z0-9]+(\\.[a-z0-9]+)*(\\.v\\d+)?$ (at most 200 characters).");
        }
    }

    /// <summary>Throws when <paramref name="group"/> is not 1-128 of <c>[A-Za-z0-9._:-]</c> starting with a letter or digit.</summary>
    public static void ValidateGroup(string? group)
    {
        if (group is null || !GroupRegex().IsMatch(group))
        {
            throw new BusException(BusErrorCode.InvalidGroup,
                $"Invalid consumer group '{group}': use 1-128 characters of [A-Za-z0-9._:-], starting with a letter or digit.");
        }
    }

    /// <summary>Whether <paramref name="key"/> is <c>content-type</c> or matches <c>^x-[a-z0-9-]+$</c>.</summary>
    public static bool IsValidHeaderKey(string? key) => TopicNameRules.IsValidHeaderKey(key);

    /// <summary>Throws when any header key breaks the header rule or a value is null.</summary>
    public static void ValidateHeaders(IReadOnlyDictionary<string, string>? headers)
    {
        if (headers is null)
        {
            return;
        }

        foreach (KeyValuePair<string, string> pair in headers)
        {
            if (!IsValidHeaderKey(pair.Key))
            {
                throw new BusException(BusErrorCode.InvalidHeader,
                    $"Invalid header key '{pair.Key}': use 'content-type' or keys matching ^x-[a-z0-9-]+$.");
            }

            if (pair.Value is null)
            {
                throw new BusException(BusErrorCode.InvalidHeader, $"Header '{pair.Key}' has a null value.");
            }
        }
    }

    /// <summary>The dead-letter topic of <paramref name="topic"/>.</summary>
    public static string DlqTopic(string topic) => DlqPrefix + topic;

    /// <summary>Throws when <paramref name="id"/> is not a UUID; returns it lower-cased in the canonical form.</summary>
    public static string NormalizeId(string id)
    {
        if (!Guid.TryParseExact(id, "D", out Guid parsed))
        {
            throw new BusException(BusErrorCode.InvalidId, $"Invalid event id '{id}': expected a UUID like 0190f5c2-7b1e-7c3a-9f00-1234567890ab.");
        }

        return parsed.ToString("D");
    }
}
