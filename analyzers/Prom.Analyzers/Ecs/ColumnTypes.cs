using System.Collections.Generic;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Systems;

namespace Prom.Analyzers.Ecs;

/// <summary>
/// The Prom.Ecs structs that point into one chunk as it was in one tick (<c>ColumnWriter&lt;T&gt;</c>,
/// <c>ColumnReader&lt;T&gt;</c>, <c>QueryChunk</c>, <c>EntityRow</c>), and the types that hold one.
/// </summary>
internal static class ColumnTypes
{
    /// <summary>Whether <paramref name="type"/> is one of the tick-bound column structs.</summary>
    public static bool IsColumn(ITypeSymbol type) =>
        SystemTypeNames.IsEcsType(type, "ColumnWriter`1") || SystemTypeNames.IsEcsType(type, "ColumnReader`1")
        || SystemTypeNames.IsEcsType(type, "QueryChunk") || SystemTypeNames.IsEcsType(type, "EntityRow");

    /// <summary>
    /// The column struct <paramref name="type"/> holds: itself, an array element, a type argument of a collection,
    /// tuple or <c>Nullable</c> (not of a delegate, whose arguments are parameters), or an instance field of a
    /// (non-ref) struct; null when it holds none. Ref structs never escape to the heap, so they hold nothing here.
    /// </summary>
    public static ITypeSymbol? Held(ITypeSymbol type) => Held(type, new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default));

    private static ITypeSymbol? Held(ITypeSymbol type, HashSet<ITypeSymbol> seen)
    {
        if (IsColumn(type)) return type;
        if (!seen.Add(type) || type.IsRefLikeType) return null;
        switch (type)
        {
            case IArrayTypeSymbol array:
                return Held(array.ElementType, seen);
            case INamedTypeSymbol { TypeKind: TypeKind.Delegate }:
                return null;
            case INamedTypeSymbol named:
                foreach (ITypeSymbol argument in named.TypeArguments)
                {
                    if (Held(argument, seen) is { } held) return held;
                }
                if (named.TypeKind != TypeKind.Struct || named.SpecialType != SpecialType.None) return null;
                foreach (ISymbol member in named.GetMembers())
                {
                    if (member is IFieldSymbol { IsStatic: false } field && Held(field.Type, seen) is { } inField) return inField;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>The short display form used in messages: <c>ColumnWriter&lt;Position&gt;</c>.</summary>
    public static string Display(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
}
