using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>
/// The nested object types of one payload, each read once (members, constructor) with the payload's rules and
/// numbered in the order they finish (a type's own nested types come first). A type that contains itself, directly or
/// through other types, is refused: its JSON would have no fixed depth.
/// </summary>
internal sealed class TopicObjectTable
{
    private readonly List<TopicObjectModel> _objects = new();
    private readonly Dictionary<ITypeSymbol, int> _index = new(SymbolEqualityComparer.Default);
    private readonly List<TopicEnumModel> _enums = new();
    private readonly Dictionary<ITypeSymbol, int> _enumIndex = new(SymbolEqualityComparer.Default);

    /// <summary>Types being read right now: the payload and the chain of nested types leading to the current one.</summary>
    private readonly HashSet<ITypeSymbol> _reading = new(SymbolEqualityComparer.Default);

    public TopicObjectTable(INamedTypeSymbol payload) => _reading.Add(payload);

    /// <summary>
    /// Warnings about members of the payload and its nested types (PROM0311): reported by the analyzer, but the
    /// declaration stays valid and its code is generated.
    /// </summary>
    public List<Problem> Warnings { get; } = new();

    /// <summary>The objects read so far, by index.</summary>
    public EquatableArray<TopicObjectModel> ToEquatableArray() => _objects.ToEquatableArray();

    /// <summary>The enums read so far, by index (in the order members first use them).</summary>
    public EquatableArray<TopicEnumModel> Enums() => _enums.ToEquatableArray();

    /// <summary>The index of <paramref name="type"/>'s wire form, reading it first if needed; false with a reason.</summary>
    public bool TryAddEnum(INamedTypeSymbol type, TopicValueKind underlying, out int index, out string reason)
    {
        reason = "";
        if (_enumIndex.TryGetValue(type, out index)) return true;
        if (!TopicEnumReader.TryRead(type, underlying, out TopicEnumModel model, out reason)) return false;
        index = _enums.Count;
        _enums.Add(model);
        _enumIndex[type] = index;
        return true;
    }

    /// <summary>The index of <paramref name="type"/>'s object model, reading it first if needed; false with a reason.</summary>
    public bool TryAdd(INamedTypeSymbol type, CancellationToken cancellationToken, out int index, out string reason)
    {
        reason = "";
        if (_index.TryGetValue(type, out index)) return true;
        if (_reading.Contains(type))
        {
            reason = $"'{type.Name}' contains itself (directly or through other types); recursive payload types are not supported";
            return false;
        }
        if (type.IsAbstract)
        {
            reason = $"'{type.Name}' is abstract; generated code constructs nested objects, so use a concrete class, record or struct";
            return false;
        }
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0 || t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                reason = $"'{type.Name}' must be a public or internal, non-generic type (and so must its containing types)";
                return false;
            }
        }

        _reading.Add(type);
        try
        {
            var problems = new List<Problem>();
            List<TopicMemberCandidate> members = TopicMemberReader.Read(type, problems, this, cancellationToken);
            if (problems.Count > 0)
            {
                reason = Describe(type, problems[0]);
                return false;
            }
            IMethodSymbol? constructor = TopicConstructorFinder.Find(type, members);
            if (constructor is null)
            {
                reason = $"'{type.Name}' needs a public constructor whose parameters each match a member by name and type, or a public parameterless constructor";
                return false;
            }
            var models = new List<TopicMemberModel>(members.Count);
            foreach (TopicMemberCandidate member in members)
            {
                if (member.ToModel(type, constructor, problems) is { } model) models.Add(model);
            }
            if (problems.Count > 0)
            {
                reason = Describe(type, problems[0]);
                return false;
            }

            index = _objects.Count;
            _objects.Add(new TopicObjectModel(
                type.Name, type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), type.IsValueType, constructor.Parameters.Length, models.ToEquatableArray()));
            _index[type] = index;
            return true;
        }
        finally
        {
            _reading.Remove(type);
        }
    }

    // "its member 'Inner' of 'Process' cannot be serialized: …" — the nested problem, named from the payload's member down.
    private static string Describe(INamedTypeSymbol type, Problem problem) =>
        problem.MessageArgs.Length >= 3
            ? $"member '{problem.MessageArgs[1]}' of its type '{type.Name}' cannot be serialized: {problem.MessageArgs[2]}"
            : $"its type '{type.Name}' cannot be serialized";
}
