using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Topics;

/// <summary>
/// Reads an enum into its wire form (<see cref="TopicEnumModel"/>), or refuses it with a reason: a <c>[Flags]</c> enum
/// (a combination of flags has no single name, and writing its number would be the one enum the clients type as a
/// number), an enum without members (no value could be written), and two values that share one wire name.
/// </summary>
internal static class TopicEnumReader
{
    /// <summary><c>System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute</c> (.NET 9+): the custom wire name of a member.</summary>
    public const string WireNameAttribute = "System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute";

    public static bool TryRead(INamedTypeSymbol enumType, TopicValueKind underlying, out TopicEnumModel model, out string reason)
    {
        model = null!;
        reason = "";
        if (KnownTypes.Find(enumType, "System.FlagsAttribute") is not null)
        {
            reason = $"'{enumType.Name}' is a [Flags] enum: a combination of flags has no single name on the wire; use a list of a plain enum (List<{enumType.Name}>) or an integer";
            return false;
        }

        var members = new List<TopicEnumMember>();
        var values = new HashSet<string>();
        var wireNames = new Dictionary<string, string>();
        foreach (IFieldSymbol field in enumType.GetMembers().OfType<IFieldSymbol>())
        {
            if (!field.HasConstantValue) continue;
            string value = System.Convert.ToString(field.ConstantValue, CultureInfo.InvariantCulture)!;
            if (!values.Add(value)) continue; // an alias of an earlier member: the same value, written with the earlier name
            string wireName = KnownTypes.Find(field, WireNameAttribute)?.ConstructorArguments.FirstOrDefault().Value as string ?? field.Name;
            if (wireName.Length == 0)
            {
                reason = $"member '{field.Name}' of enum '{enumType.Name}' has an empty [JsonStringEnumMemberName]";
                return false;
            }
            if (wireNames.TryGetValue(wireName, out string? other))
            {
                reason = $"members '{other}' and '{field.Name}' of enum '{enumType.Name}' have different values but the same wire name '{wireName}'";
                return false;
            }
            wireNames[wireName] = field.Name;
            members.Add(new TopicEnumMember(field.Name, wireName, value));
        }
        if (members.Count == 0)
        {
            reason = $"enum '{enumType.Name}' has no members, so no value of it could be written";
            return false;
        }
        model = new TopicEnumModel(enumType.Name, enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), underlying, members.ToEquatableArray());
        return true;
    }
}
