using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;
using Prom.CodeModel.Structs;

namespace Prom.CodeModel.Components;

/// <summary>
/// Reads a [Component]: it must also be a valid [Struct] (whose problems the [Struct] analyzer reports), and its
/// generated member names must be unique. Shared by the component generator and the component analyzer.
/// </summary>
public static class ComponentParser
{
    /// <summary>The model (null when invalid) and the component-specific problems.</summary>
    public static (ComponentModel? Model, IReadOnlyList<Problem> Problems) Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        Location location = type.Locations.FirstOrDefault() ?? Location.None;
        if (!KnownTypes.IsStruct(type))
        {
            problems.Add(new Problem(DiagnosticDescriptors.ComponentMustBeStruct, location, type.Name));
            return (null, problems);
        }

        StructModel? structModel = StructParser.Parse(type, cancellationToken).Model;
        if (structModel is null) return (null, problems); // the [Struct] analyzer explains why

        var leaves = structModel.Layout.Leaves
            .Select(leaf => new ComponentLeafModel(ToPascal(leaf.Column), ScalarTypeInfo.Of(leaf.Type).CSharpName, leaf.Path))
            .ToEquatableArray();
        return (new ComponentModel(structModel, type.DeclaredAccessibility == Accessibility.Public && AllContainersPublic(type), leaves), problems);
    }

    /// <summary><c>pts_3_y</c> → <c>Pts3Y</c>.</summary>
    public static string ToPascal(string column) =>
        string.Concat(column.Split('_').Where(part => part.Length > 0).Select(part => char.ToUpperInvariant(part[0]) + part.Substring(1)));

    private static bool AllContainersPublic(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (outer.DeclaredAccessibility != Accessibility.Public) return false;
        }
        return true;
    }
}
