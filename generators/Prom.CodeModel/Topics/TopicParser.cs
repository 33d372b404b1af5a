using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>
/// Reads a [Topic] payload declaration into a <see cref="TopicModel"/> and the problems with it. Shared by the topic
/// generator (which emits code only for declarations without problems) and the topic analyzer (which reports them).
/// </summary>
public static class TopicParser
{
    /// <summary>Reads <paramref name="type"/>'s [Topic] <paramref name="attribute"/>.</summary>
    public static TopicParseResult Parse(INamedTypeSymbol type, AttributeData attribute, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        Location typeLocation = type.Locations.FirstOrDefault() ?? Location.None;
        var reader = new TopicAttributeReader(attribute, typeLocation, cancellationToken);
        string? name = reader.Name;
        int version = reader.Int("Version", 1);
        if (name is null)
        {
            // A missing or non-constant argument is the compiler's error; a constant null (e.g. null!) is ours.
            if (reader.NameIsNullConstant) problems.Add(new Problem(DiagnosticDescriptors.NullTopicName, reader.NameLocation, type.Name));
            return new TopicParseResult(null, null, version, problems);
        }

        if (!TopicRules.IsValidTopicName(name))
        {
            problems.Add(new Problem(DiagnosticDescriptors.InvalidTopicName, reader.NameLocation, name, type.Name));
        }

        int compatibility = reader.Int("Compat", (int)Compatibility.Backward);
        int partitions = reader.Int("Partitions", 0);
        int retentionDays = reader.Int("RetentionDays", 0);
        string? key = reader.String("Key");
        CheckSettings(type, reader, version, compatibility, partitions, retentionDays, problems);
        CheckShape(type, typeLocation, problems);
        cancellationToken.ThrowIfCancellationRequested();

        int problemsBeforeMembers = problems.Count;
        var objects = new TopicObjectTable(type);
        List<TopicMemberCandidate> members = TopicMemberReader.Read(type, problems, objects, cancellationToken);
        bool membersValid = problems.Count == problemsBeforeMembers;
        IMethodSymbol? constructor = TopicConstructorFinder.Find(type, members);
        // A rejected member also fails the constructor match; report the member alone, not a consequence of it.
        if (constructor is null && !type.IsAbstract && membersValid)
        {
            problems.Add(Declaration(typeLocation, type,
                "it needs a public constructor whose parameters each match a serialized member by name and type, or a public parameterless constructor"));
        }

        if (key is not null && members.All(m => m.Property.Name != key))
        {
            problems.Add(Declaration(reader.LocationOf("Key"), type, $"Key names '{key}', which is not a serialized member of '{type.Name}'"));
        }
        else if (key is not null && members.First(m => m.Property.Name == key).Kind is TopicValueKind.Object or TopicValueKind.Array)
        {
            problems.Add(Declaration(reader.LocationOf("Key"), type, $"Key names '{key}', a nested object or collection; the key must be a scalar member"));
        }

        var models = new List<TopicMemberModel>(members.Count);
        if (constructor is not null)
        {
            foreach (TopicMemberCandidate member in members)
            {
                TopicMemberModel? model = member.ToModel(type, constructor, problems);
                if (model is not null) models.Add(model);
            }
        }

        if (problems.Count > 0) return new TopicParseResult(null, name, version, problems.Concat(objects.Warnings).ToList());

        var topic = new TopicModel(
            type.ContainingNamespace is { IsGlobalNamespace: false } ns ? ns.ToDisplayString() : null,
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            GeneratedClassName(type),
            IsPublic(type),
            type.IsValueType,
            name,
            version,
            (Compatibility)compatibility,
            partitions,
            retentionDays,
            reader.Bool("Compaction"),
            key,
            constructor!.Parameters.Length,
            models.ToEquatableArray(),
            objects.ToEquatableArray(),
            objects.Enums());
        return new TopicParseResult(topic, name, version, objects.Warnings);
    }

    /// <summary>The generated class: containing type names, the type name and <c>Topic</c> (<c>HeartbeatTopic</c>).</summary>
    public static string GeneratedClassName(INamedTypeSymbol type)
    {
        var parts = new List<string>();
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType) parts.Insert(0, t.Name);
        return string.Concat(parts) + GeneratedNames.TopicClassSuffix;
    }

    private static void CheckSettings(INamedTypeSymbol type, TopicAttributeReader reader, int version, int compatibility, int partitions, int retentionDays, List<Problem> problems)
    {
        if (version < 1) problems.Add(Declaration(reader.LocationOf("Version"), type, $"Version must be at least 1, not {version}"));
        if (compatibility is < 0 or > (int)Compatibility.FullTransitive)
        {
            problems.Add(Declaration(reader.LocationOf("Compat"), type, $"Compat {compatibility} is not a Compatibility value"));
        }
        if (partitions < 0) problems.Add(Declaration(reader.LocationOf("Partitions"), type, $"Partitions must be 0 (the bus default) or more, not {partitions}"));
        if (retentionDays < 0) problems.Add(Declaration(reader.LocationOf("RetentionDays"), type, $"RetentionDays must be 0 (keep forever) or more, not {retentionDays}"));
    }

    private static void CheckShape(INamedTypeSymbol type, Location location, List<Problem> problems)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                problems.Add(Declaration(location, type, "a payload type must not be generic or nested in a generic type"));
                break;
            }
        }
        if (type.IsAbstract) problems.Add(Declaration(location, type, "a payload type must not be abstract or static; generated code constructs it"));
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                problems.Add(Declaration(location, type, $"'{t.Name}' is {t.DeclaredAccessibility.ToString().ToLowerInvariant()}; the payload type and its containing types must be public or internal"));
                break;
            }
        }
    }

    private static bool IsPublic(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.DeclaredAccessibility != Accessibility.Public) return false;
        }
        return true;
    }

    private static Problem Declaration(Location location, INamedTypeSymbol type, string what) =>
        new(DiagnosticDescriptors.InvalidTopicDeclaration, location, type.Name, what);
}
