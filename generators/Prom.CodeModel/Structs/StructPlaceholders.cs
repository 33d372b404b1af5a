using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Structs;

/// <summary>Reads the partial members of an invalid [Struct] that the generator implements with throwing accessors.</summary>
internal static class StructPlaceholders
{
    private static readonly SymbolDisplayFormat s_type = SymbolDisplayFormat.FullyQualifiedFormat
        .AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    /// <summary>The placeholder model, or null when there is nothing to implement.</summary>
    public static StructPlaceholderModel? Read(INamedTypeSymbol type)
    {
        var members = new List<PlaceholderMemberModel>();
        foreach (IPropertySymbol property in type.GetMembers().OfType<IPropertySymbol>())
        {
            if (!property.IsPartialDefinition) continue;
            if (property.PartialImplementationPart is { } implementation && GeneratedMemberConflicts.IsUserDeclared(implementation)) continue;
            // An unresolved type would fail again in the generated file; the compiler reports it in the user's code.
            if (StructParser.ContainsErrorType(property.Type) || property.Parameters.Any(p => StructParser.ContainsErrorType(p.Type))) continue;
            members.Add(new PlaceholderMemberModel(Signature(property), StructParser.AccessorsOf(property)));
        }
        if (members.Count == 0) return null;

        string declaration = StructParser.PartialDeclaration(type);
        return new StructPlaceholderModel(
            Identifiers.NamespaceOf(type),
            StructParser.ContainingTypes(type),
            declaration,
            type.Name,
            members.ToEquatableArray());
    }

    private static string Signature(IPropertySymbol property)
    {
        string refKind = property.ReturnsByRefReadonly ? "ref readonly " : property.ReturnsByRef ? "ref " : "";
        string name = property.IsIndexer
            ? "this[" + string.Join(", ", property.Parameters.Select(Parameter)) + "]"
            : Identifiers.Escape(property.Name);
        return $"{StructParser.ModifiersOf(property)} {refKind}{property.Type.ToDisplayString(s_type)} {name}";
    }

    private static string Parameter(IParameterSymbol parameter)
    {
        string modifier = parameter.RefKind switch
        {
            RefKind.In => "in ",
            RefKind.Ref => "ref ",
            RefKind.Out => "out ",
            RefKind.RefReadOnlyParameter => "ref readonly ",
            _ => "",
        };
        if (parameter.IsParams) modifier = "params " + modifier;
        return $"{modifier}{parameter.Type.ToDisplayString(s_type)} {Identifiers.Escape(parameter.Name)}";
    }
}
