using System.Threading;
using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Topics;

/// <summary>
/// Decides which member types the generated topic serializer handles, and how: scalars, enums and their nullable
/// forms; arrays and lists of those or of nested objects; nested classes, records and structs (read with the same
/// member rules as the payload, registered in a <see cref="TopicObjectTable"/>).
/// </summary>
internal static class TopicTypeClassifier
{
    /// <summary>Classifies <paramref name="type"/>; false with a reason naming what is unsupported.</summary>
    public static bool TryClassify(ITypeSymbol type, TopicObjectTable objects, bool isElement, CancellationToken cancellationToken, out TopicValueInfo info, out string reason)
    {
        info = null!;
        reason = "";
        bool isNullableValueType = false;
        ITypeSymbol valueType = type;
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullableValueType = true;
            valueType = nullable.TypeArguments[0];
        }

        if (valueType is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            if (!TryScalar(underlying, out TopicValueKind underlyingKind))
            {
                reason = "its enum's underlying type is not supported";
                return false;
            }
            if (!objects.TryAddEnum((INamedTypeSymbol)valueType, underlyingKind, out int enumIndex, out reason)) return false;
            info = new TopicValueInfo(TopicValueKind.Enum, isNullableValueType, valueType, enumIndex: enumIndex);
            return true;
        }

        if (TryScalar(valueType, out TopicValueKind kind))
        {
            info = new TopicValueInfo(kind, isNullableValueType, valueType);
            return true;
        }

        if (TryCollection(valueType, out TopicCollectionKind collection, out ITypeSymbol? elementType, out reason))
        {
            if (isElement)
            {
                reason = "collections of collections are not supported; wrap the inner collection in a record";
                return false;
            }
            if (!TryClassify(elementType!, objects, isElement: true, cancellationToken, out TopicValueInfo element, out string elementReason))
            {
                reason = $"its element type '{elementType!.ToDisplayString()}' is not supported: {elementReason}";
                return false;
            }
            bool elementNullable = element.IsNullableValueType || (!element.ValueType.IsValueType && elementType!.NullableAnnotation == NullableAnnotation.Annotated);
            info = new TopicValueInfo(TopicValueKind.Array, false, valueType, collection, new TopicElementModel(
                element.Kind, element.ValueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
                element.IsNullableValueType, elementNullable, element.ObjectIndex, element.EnumIndex));
            return true;
        }
        if (reason.Length > 0) return false;

        if (IsObjectCandidate(valueType, out reason))
        {
            if (!objects.TryAdd((INamedTypeSymbol)valueType, cancellationToken, out int index, out reason)) return false;
            info = new TopicValueInfo(TopicValueKind.Object, isNullableValueType, valueType, objectIndex: index);
            return true;
        }
        return false;
    }

    private static bool TryCollection(ITypeSymbol type, out TopicCollectionKind collection, out ITypeSymbol? element, out string reason)
    {
        collection = TopicCollectionKind.None;
        element = null;
        reason = "";
        if (type is IArrayTypeSymbol array)
        {
            if (array.Rank != 1)
            {
                reason = "multi-dimensional arrays are not supported; use an array of records";
                return false;
            }
            if (array.ElementType.SpecialType == SpecialType.System_Byte)
            {
                reason = "byte[] is not supported (System.Text.Json writes it as base64, the generated codec would not); use List<byte> or a base64 string";
                return false;
            }
            collection = TopicCollectionKind.Array;
            element = array.ElementType;
            return true;
        }
        if (type is INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named)
        {
            switch (named.OriginalDefinition.ToDisplayString())
            {
                case "System.Collections.Generic.List<T>":
                case "System.Collections.Generic.IList<T>":
                case "System.Collections.Generic.ICollection<T>":
                case "System.Collections.Generic.IEnumerable<T>":
                case "System.Collections.Generic.IReadOnlyList<T>":
                case "System.Collections.Generic.IReadOnlyCollection<T>":
                    collection = TopicCollectionKind.List;
                    element = named.TypeArguments[0];
                    return true;
            }
        }
        return false;
    }

    private static bool IsObjectCandidate(ITypeSymbol type, out string reason)
    {
        reason = type switch
        {
            ITypeParameterSymbol => "a type parameter has no fixed JSON shape",
            INamedTypeSymbol { IsGenericType: true } => $"the generic type '{type.ToDisplayString()}' is not supported (arrays, List<T> and the list interfaces are; dictionaries are not yet)",
            INamedTypeSymbol { TypeKind: not (TypeKind.Class or TypeKind.Struct) } => $"'{type.ToDisplayString()}' is not a class, record or struct",
            INamedTypeSymbol { SpecialType: not SpecialType.None } => $"the type '{type.ToDisplayString()}' is not supported",
            INamedTypeSymbol named when IsSystemType(named) => $"the type '{type.ToDisplayString()}' is not supported; use string, bool, a number, Guid, DateTime, DateTimeOffset, an enum, a nested record, or an array or list of these",
            INamedTypeSymbol => "",
            _ => $"the type '{type.ToDisplayString()}' is not supported",
        };
        return reason.Length == 0;
    }

    private static bool IsSystemType(INamedTypeSymbol type)
    {
        INamespaceSymbol? ns = type.ContainingNamespace;
        while (ns is { IsGlobalNamespace: false, ContainingNamespace.IsGlobalNamespace: false }) ns = ns.ContainingNamespace;
        return ns is { Name: "System" or "Microsoft" };
    }

    private static bool TryScalar(ITypeSymbol type, out TopicValueKind kind)
    {
        switch (type.SpecialType)
        {
            case SpecialType.System_String: kind = TopicValueKind.String; return true;
            case SpecialType.System_Boolean: kind = TopicValueKind.Boolean; return true;
            case SpecialType.System_SByte: kind = TopicValueKind.SByte; return true;
            case SpecialType.System_Byte: kind = TopicValueKind.Byte; return true;
            case SpecialType.System_Int16: kind = TopicValueKind.Int16; return true;
            case SpecialType.System_UInt16: kind = TopicValueKind.UInt16; return true;
            case SpecialType.System_Int32: kind = TopicValueKind.Int32; return true;
            case SpecialType.System_UInt32: kind = TopicValueKind.UInt32; return true;
            case SpecialType.System_Int64: kind = TopicValueKind.Int64; return true;
            case SpecialType.System_UInt64: kind = TopicValueKind.UInt64; return true;
            case SpecialType.System_Single: kind = TopicValueKind.Single; return true;
            case SpecialType.System_Double: kind = TopicValueKind.Double; return true;
            case SpecialType.System_Decimal: kind = TopicValueKind.Decimal; return true;
            case SpecialType.System_DateTime: kind = TopicValueKind.DateTime; return true;
        }

        string name = type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        switch (name)
        {
            case "global::System.Guid": kind = TopicValueKind.Guid; return true;
            case "global::System.DateTimeOffset": kind = TopicValueKind.DateTimeOffset; return true;
            default: kind = default; return false;
        }
    }
}
