using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>
/// Finds the serialized members of a payload type: public instance properties with a public getter (base types
/// first, declaration order), skipping indexers and <c>[JsonIgnore]</c>. Unsupported types become problems.
/// </summary>
internal static class TopicMemberReader
{
    private const string JsonIgnoreAttribute = "System.Text.Json.Serialization.JsonIgnoreAttribute";
    private const string JsonPropertyNameAttribute = "System.Text.Json.Serialization.JsonPropertyNameAttribute";

    public static List<TopicMemberCandidate> Read(INamedTypeSymbol type, List<Problem> problems, TopicObjectTable objects, CancellationToken cancellationToken)
    {
        var chain = new List<INamedTypeSymbol>();
        for (INamedTypeSymbol? t = type; t is not null && t.SpecialType is not (SpecialType.System_Object or SpecialType.System_ValueType); t = t.BaseType)
        {
            chain.Insert(0, t);
        }

        var members = new List<TopicMemberCandidate>();
        var seen = new HashSet<string>();
        var jsonNames = new Dictionary<string, string>();
        foreach (INamedTypeSymbol declaring in chain)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (IPropertySymbol property in declaring.GetMembers().OfType<IPropertySymbol>())
            {
                if (property.IsStatic || property.IsIndexer || property.DeclaredAccessibility != Accessibility.Public) continue;
                if (property.GetMethod is not { DeclaredAccessibility: Accessibility.Public }) continue;
                if (!seen.Add(property.Name)) continue; // an override of a base member already taken
                if (KnownTypes.Find(property, JsonIgnoreAttribute) is not null) continue;

                Location? location = property.Locations.FirstOrDefault();
                if (!TopicTypeClassifier.TryClassify(property.Type, objects, isElement: false, cancellationToken, out TopicValueInfo value, out string reason))
                {
                    problems.Add(new Problem(DiagnosticDescriptors.UnserializablePayloadMember, location, type.Name, property.Name, reason));
                    continue;
                }

                string jsonName = KnownTypes.Find(property, JsonPropertyNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string
                    ?? Naming.ToSnakeCase(property.Name);
                if (jsonNames.TryGetValue(jsonName, out string? other))
                {
                    problems.Add(new Problem(DiagnosticDescriptors.UnserializablePayloadMember, location, type.Name, property.Name,
                        $"its JSON name '{jsonName}' is also the JSON name of '{other}'"));
                    continue;
                }
                jsonNames[jsonName] = property.Name;
                if (!TopicWireForms.Apply(type, property, declaring, ref value, problems, objects.Warnings)) continue;
                members.Add(new TopicMemberCandidate(property, jsonName, value));
            }
        }
        return members;
    }
}
