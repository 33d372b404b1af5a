using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;

namespace Prom.Topics.Registry;

/// <summary>
/// Every registered version of every topic. Registration rejects a version registered twice, versions that do not
/// increase, and schemas that break the new version's compatibility mode against the previous version (or, for the
/// <c>…Transitive</c> modes, every earlier one). Thread-safe.
/// </summary>
public sealed class TopicSchemaRegistry
{
    private readonly Lock _lock = new();

    /// <summary>Registered versions by topic, in increasing version order.</summary>
    private readonly Dictionary<string, List<(TopicDescriptor Descriptor, SchemaShape Shape)>> _topics = new(StringComparer.Ordinal);

    /// <summary>Registers every descriptor, per topic in increasing version order (e.g. <c>PromTopics.Descriptors</c> at startup).</summary>
    /// <exception cref="TopicSchemaException">A descriptor is refused; the message names the topic, version, field and rule.</exception>
    public void RegisterAll(IEnumerable<TopicDescriptor> descriptors)
    {
        ArgumentNullException.ThrowIfNull(descriptors);
        foreach (TopicDescriptor descriptor in descriptors.OrderBy(d => d.Name, StringComparer.Ordinal).ThenBy(d => d.Version))
        {
            Register(descriptor);
        }
    }

    /// <summary>Registers one topic version.</summary>
    /// <exception cref="TopicSchemaException">
    /// The version is already registered, is not above the latest registered version, or its schema breaks its
    /// compatibility mode; the message names the topic, the versions, the field and the rule.
    /// </exception>
    public void Register(TopicDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        SchemaShape shape = SchemaShape.Parse(descriptor);
        lock (_lock)
        {
            if (!_topics.TryGetValue(descriptor.Name, out var versions))
            {
                _topics[descriptor.Name] = [(descriptor, shape)];
                return;
            }

            TopicDescriptor latest = versions[^1].Descriptor;
            if (versions.Any(v => v.Descriptor.Version == descriptor.Version))
            {
                throw new TopicSchemaException(
                    $"Topic '{descriptor.Name}' version {descriptor.Version} is already registered (by '{versions.First(v => v.Descriptor.Version == descriptor.Version).Descriptor.PayloadType.Name}').");
            }
            if (descriptor.Version < latest.Version)
            {
                throw new TopicSchemaException(
                    $"Topic '{descriptor.Name}' versions must increase: version {latest.Version} is registered, version {descriptor.Version} comes too late.");
            }

            bool transitive = descriptor.Compatibility is Compatibility.BackwardTransitive or Compatibility.ForwardTransitive or Compatibility.FullTransitive;
            var problems = new List<string>();
            foreach ((TopicDescriptor earlier, SchemaShape earlierShape) in transitive ? versions : versions.Skip(versions.Count - 1))
            {
                string newName = $"v{descriptor.Version}";
                string oldName = $"v{earlier.Version}";
                if (descriptor.Compatibility is Compatibility.Backward or Compatibility.BackwardTransitive or Compatibility.Full or Compatibility.FullTransitive)
                {
                    problems.AddRange(SchemaCompatibility.ReaderProblems(shape, earlierShape, newName, oldName).Select(p => "backward: " + p));
                }
                if (descriptor.Compatibility is Compatibility.Forward or Compatibility.ForwardTransitive or Compatibility.Full or Compatibility.FullTransitive)
                {
                    problems.AddRange(SchemaCompatibility.ReaderProblems(earlierShape, shape, oldName, newName).Select(p => "forward: " + p));
                }
            }
            if (problems.Count > 0)
            {
                throw new TopicSchemaException(
                    $"Topic '{descriptor.Name}' version {descriptor.Version} ('{descriptor.PayloadType.Name}') breaks {descriptor.Compatibility} compatibility: {string.Join("; ", problems)}.");
            }
            versions.Add((descriptor, shape));
        }
    }

    /// <summary>
    /// Throws unless <paramref name="descriptor"/> is registered: the same topic and version with the same payload type
    /// and schema. Typed clients call it before their first publish, so no record of an unregistered schema is stored.
    /// </summary>
    /// <exception cref="TopicSchemaException">The version is not registered, or is registered with another type or schema.</exception>
    public void Require(TopicDescriptor descriptor)
    {
        ArgumentNullException.ThrowIfNull(descriptor);
        TopicDescriptor? registered = Find(descriptor.Name, descriptor.Version);
        if (registered is null)
        {
            throw new TopicSchemaException(
                $"Topic '{descriptor.Name}' version {descriptor.Version} ('{descriptor.PayloadType.Name}') is not registered in the schema registry; " +
                "register every declared version at startup (AddPromTopics() does, or registry.RegisterAll(PromTopics.Descriptors)).");
        }
        if (registered.PayloadType != descriptor.PayloadType || registered.JsonSchema != descriptor.JsonSchema)
        {
            throw new TopicSchemaException(
                $"Topic '{descriptor.Name}' version {descriptor.Version} is registered with payload '{registered.PayloadType.Name}' and another schema than '{descriptor.PayloadType.Name}'; one version has one schema.");
        }
    }

    /// <summary>The registered versions of <paramref name="topic"/>, ascending (empty when none).</summary>
    public IReadOnlyList<TopicDescriptor> Versions(string topic)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var versions) ? versions.Select(v => v.Descriptor).ToArray() : [];
        }
    }

    /// <summary>The registered descriptor of <paramref name="topic"/> version <paramref name="version"/>, or null.</summary>
    public TopicDescriptor? Find(string topic, int version)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var versions) ? versions.FirstOrDefault(v => v.Descriptor.Version == version).Descriptor : null;
        }
    }

    /// <summary>The latest registered version of <paramref name="topic"/>, or null.</summary>
    public TopicDescriptor? Latest(string topic)
    {
        lock (_lock)
        {
            return _topics.TryGetValue(topic, out var versions) ? versions[^1].Descriptor : null;
        }
    }
}
