using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel;
using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// Reads the members of every enum a payload uses. The topic model names an enum only by its type (the C# codec
/// writes its number), while the TypeScript and Python types list the members, so this walks the payload's property
/// types (through nullables, arrays, lists and nested objects) and keeps the enums the model refers to.
/// </summary>
internal static class ClientEnumReader
{
    public static EquatableArray<ClientEnumModel> Read(INamedTypeSymbol payload, TopicModel model)
    {
        var wanted = new HashSet<string>(EnumTypeNames(model));
        if (wanted.Count == 0) return EquatableArray<ClientEnumModel>.Empty;

        var found = new Dictionary<string, ClientEnumModel>();
        var visited = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        Visit(payload, wanted, found, visited);
        return found.Values.OrderBy(e => e.FullyQualifiedName, System.StringComparer.Ordinal).ToEquatableArray();
    }

    private static IEnumerable<string> EnumTypeNames(TopicModel model)
    {
        foreach (TopicMemberModel member in model.Members.Concat(model.Objects.SelectMany(o => o.Members)))
        {
            if (member.Kind == TopicValueKind.Enum) yield return member.TypeName;
            if (member.Element is { Kind: TopicValueKind.Enum } element) yield return element.TypeName;
        }
    }

    private static void Visit(ITypeSymbol type, HashSet<string> wanted, Dictionary<string, ClientEnumModel> found, HashSet<ITypeSymbol> visited)
    {
        if (!visited.Add(type)) return;
        switch (type)
        {
            case IArrayTypeSymbol array:
                Visit(array.ElementType, wanted, found, visited);
                return;
            case INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType:
                string name = enumType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
                if (wanted.Contains(name) && !found.ContainsKey(name)) found[name] = Model(enumType, name);
                return;
            case INamedTypeSymbol named:
                foreach (ITypeSymbol argument in named.TypeArguments) Visit(argument, wanted, found, visited);
                if (named.SpecialType != SpecialType.None || named.TypeKind is not (TypeKind.Class or TypeKind.Struct)) return;
                for (INamedTypeSymbol? t = named; t is not null && t.SpecialType == SpecialType.None; t = t.BaseType)
                {
                    foreach (IPropertySymbol property in t.GetMembers().OfType<IPropertySymbol>())
                    {
                        if (!property.IsStatic && property.DeclaredAccessibility == Accessibility.Public) Visit(property.Type, wanted, found, visited);
                    }
                }
                return;
        }
    }

    private static ClientEnumModel Model(INamedTypeSymbol enumType, string fullyQualifiedName) => new(
        fullyQualifiedName,
        enumType.Name,
        enumType.GetMembers().OfType<IFieldSymbol>()
            .Where(f => f.HasConstantValue)
            .Select(f => new ClientEnumMember(f.Name, System.Convert.ToString(f.ConstantValue, CultureInfo.InvariantCulture)!))
            .ToEquatableArray());
}
