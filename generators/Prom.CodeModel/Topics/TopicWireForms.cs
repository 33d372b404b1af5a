using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>
/// The wire forms other client languages read exactly. <c>[SafeInteger]</c> turns a <c>long</c>/<c>ulong</c> member
/// (or the elements of an array or list of them) into <see cref="TopicValueKind.SafeInt64"/>/<see cref="TopicValueKind.SafeUInt64"/>,
/// which the codec, the schema and the validator range-check; a 64-bit integer without it, a <c>decimal</c> and a
/// <c>DateTime</c> get a PROM0311 warning (the declaration stays valid).
/// </summary>
internal static class TopicWireForms
{
    /// <summary><c>Prom.SafeIntegerAttribute</c></summary>
    public const string SafeIntegerAttribute = "Prom.SafeIntegerAttribute";

    /// <summary>
    /// Applies the member's chosen wire form to <paramref name="value"/> and adds PROM0311 warnings; false (with a
    /// problem) when <c>[SafeInteger]</c> is on a member that is not a 64-bit integer.
    /// </summary>
    public static bool Apply(INamedTypeSymbol payload, IPropertySymbol property, INamedTypeSymbol declaring, ref TopicValueInfo value,
        List<Problem> problems, List<Problem> warnings)
    {
        Location? location = property.Locations.FirstOrDefault();
        TopicValueKind kind = value.Kind == TopicValueKind.Array ? value.Element!.Kind : value.Kind;
        bool is64 = kind is TopicValueKind.Int64 or TopicValueKind.UInt64;
        if (HasSafeInteger(property, declaring))
        {
            if (!is64)
            {
                problems.Add(new Problem(DiagnosticDescriptors.UnserializablePayloadMember, location, payload.Name, property.Name,
                    "[SafeInteger] applies only to long and ulong members and to arrays and lists of them"));
                return false;
            }
            TopicValueKind safe = kind == TopicValueKind.Int64 ? TopicValueKind.SafeInt64 : TopicValueKind.SafeUInt64;
            value = value.Kind == TopicValueKind.Array
                ? new TopicValueInfo(value.Kind, value.IsNullableValueType, value.ValueType, value.Collection, value.Element! with { Kind = safe }, value.ObjectIndex, value.EnumIndex)
                : new TopicValueInfo(safe, value.IsNullableValueType, value.ValueType, value.Collection, value.Element, value.ObjectIndex, value.EnumIndex);
            return true;
        }

        string? why = kind switch
        {
            TopicValueKind.Int64 or TopicValueKind.UInt64 =>
                $"is a {(kind == TopicValueKind.Int64 ? "long" : "ulong")} JSON number, which JavaScript (the TypeScript client) reads exactly only within ±(2^53 − 1); mark it [SafeInteger] to promise and check that range, or carry it as a string",
            TopicValueKind.Decimal =>
                "is a decimal, which TypeScript and Python JSON readers turn into a double (about 15 significant digits); use double, or a string that holds the decimal's text",
            TopicValueKind.DateTime =>
                "is a DateTime, whose JSON text names no offset unless its Kind is Utc, so another language cannot tell which instant it is; use DateTimeOffset",
            _ => null,
        };
        if (why is not null) warnings.Add(new Problem(DiagnosticDescriptors.NotExactInClients, location, payload.Name, property.Name, why));
        return true;
    }

    /// <summary>On the property, or on the constructor parameter of the same name (a positional record's <c>[SafeInteger] long X</c>).</summary>
    private static bool HasSafeInteger(IPropertySymbol property, INamedTypeSymbol declaring) =>
        KnownTypes.Find(property, SafeIntegerAttribute) is not null
        || declaring.InstanceConstructors.Any(constructor => constructor.Parameters.Any(parameter =>
            string.Equals(parameter.Name, property.Name, StringComparison.OrdinalIgnoreCase) && KnownTypes.Find(parameter, SafeIntegerAttribute) is not null));
}
