using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Topics;

/// <summary>Decides which member types the generated topic serializer handles, and how.</summary>
public static class TopicTypeClassifier
{
    /// <summary>
    /// Classifies <paramref name="type"/>: its value kind, the enum's underlying kind, and whether it is a
    /// <c>Nullable&lt;T&gt;</c> (then <paramref name="valueType"/> is <c>T</c>). False with a reason when unsupported.
    /// </summary>
    public static bool TryClassify(
        ITypeSymbol type,
        out TopicValueKind kind,
        out TopicValueKind? enumUnderlying,
        out bool isNullableValueType,
        out ITypeSymbol valueType,
        out string reason)
    {
        enumUnderlying = null;
        isNullableValueType = false;
        valueType = type;
        reason = "";
        if (type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            isNullableValueType = true;
            valueType = nullable.TypeArguments[0];
        }

        if (valueType is INamedTypeSymbol { TypeKind: TypeKind.Enum, EnumUnderlyingType: { } underlying })
        {
            kind = TopicValueKind.Enum;
            if (!TryScalar(underlying, out TopicValueKind underlyingKind))
            {
                reason = "its enum's underlying type is not supported";
                return false;
            }
            enumUnderlying = underlyingKind;
            return true;
        }

        if (TryScalar(valueType, out kind)) return true;

        reason = valueType switch
        {
            IArrayTypeSymbol => "arrays are not supported yet; use one member per value",
            INamedTypeSymbol { IsGenericType: true } => $"the generic type '{valueType.ToDisplayString()}' is not supported (collections and dictionaries are not yet)",
            ITypeParameterSymbol => "a type parameter has no fixed JSON shape",
            _ => $"the type '{valueType.ToDisplayString()}' is not supported; use string, bool, a number, Guid, DateTime, DateTimeOffset or an enum (nested objects are not yet)",
        };
        return false;
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
