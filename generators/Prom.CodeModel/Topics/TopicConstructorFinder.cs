using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Topics;

/// <summary>Picks the constructor the generated deserializer calls.</summary>
internal static class TopicConstructorFinder
{
    /// <summary>
    /// The public constructor with the most parameters whose parameters each match a serialized member by name
    /// (ignoring case) and type; a parameterless one qualifies. Record copy constructors never do. Null when none.
    /// </summary>
    public static IMethodSymbol? Find(INamedTypeSymbol type, IReadOnlyList<TopicMemberCandidate> members)
    {
        IMethodSymbol? best = null;
        foreach (IMethodSymbol constructor in type.InstanceConstructors)
        {
            if (constructor.DeclaredAccessibility != Accessibility.Public) continue;
            if (constructor.Parameters.Length == 1 && SymbolEqualityComparer.Default.Equals(constructor.Parameters[0].Type, type)) continue;
            if (!constructor.Parameters.All(p => Match(p, members) is not null)) continue;
            if (best is null || constructor.Parameters.Length > best.Parameters.Length) best = constructor;
        }
        return best;
    }

    /// <summary>The member a constructor parameter sets, or null.</summary>
    public static TopicMemberCandidate? Match(IParameterSymbol parameter, IReadOnlyList<TopicMemberCandidate> members) =>
        members.FirstOrDefault(m =>
            string.Equals(m.Property.Name, parameter.Name, StringComparison.OrdinalIgnoreCase) &&
            SymbolEqualityComparer.Default.Equals(m.Property.Type, parameter.Type));
}
