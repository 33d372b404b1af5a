using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Structs;

/// <summary>
/// Declarations in a [Struct] that would clash with what the generator adds (PROM0014) or that it cannot implement
/// (PROM0015). Found here so the generator never emits code that fails to compile (CS0102, CS0111, CS0579, CS9250).
/// </summary>
internal static class GeneratedMemberConflicts
{
    /// <summary>The public static members the generator adds, with their parameter counts (methods) or -1 (property).</summary>
    private static readonly Dictionary<string, int> s_generated = new()
    {
        [StructNames.LayoutProperty] = -1,
        ["Write"] = 3,
        ["Read"] = 2,
        ["WriteAll"] = 3,
        ["ReadAll"] = 3,
        ["UnsafeWrite"] = 3,
        ["UnsafeRead"] = 3,
    };

    /// <summary>Whether <paramref name="type"/> has any conflict (used for nested [Struct]s, which report their own).</summary>
    public static bool Any(INamedTypeSymbol type)
    {
        var problems = new List<Problem>();
        Report(type, problems);
        return problems.Count > 0;
    }

    /// <summary>Adds a problem for every conflicting declaration of <paramref name="type"/>.</summary>
    public static void Report(INamedTypeSymbol type, List<Problem> problems)
    {
        if (type.GetAttributes().FirstOrDefault(IsStructLayout) is { } layout)
        {
            Location location = layout.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? LocationOf(type);
            problems.Add(new Problem(DiagnosticDescriptors.GeneratedMemberConflict, location, type.Name, "a [StructLayout] attribute"));
        }

        if (s_generated.ContainsKey(type.Name))
        {
            // C# forbids a member named like its enclosing type (CS0542), and the generator adds one of that name.
            problems.Add(new Problem(DiagnosticDescriptors.GeneratedMemberConflict, LocationOf(type), type.Name, $"the type name '{type.Name}', a member name"));
        }

        foreach (ISymbol member in type.GetMembers())
        {
            if (!IsUserDeclared(member)) continue;
            switch (member)
            {
                case IPropertySymbol { IsPartialDefinition: true, PartialImplementationPart: { } implementation } implemented
                    when IsUserDeclared(implementation):
                    problems.Add(new Problem(DiagnosticDescriptors.GeneratedMemberConflict, LocationOf(implementation),
                        type.Name, $"an implementation of the partial property '{implemented.Name}'"));
                    continue;
                case IPropertySymbol { IsPartialDefinition: true, IsIndexer: true } indexer:
                    problems.Add(new Problem(DiagnosticDescriptors.PartialMemberWithoutStorage, LocationOf(indexer), type.Name, "this[]", "a partial indexer"));
                    continue;
                case IPropertySymbol { IsPartialDefinition: true, IsStatic: true } shared:
                    problems.Add(new Problem(DiagnosticDescriptors.PartialMemberWithoutStorage, LocationOf(shared), type.Name, shared.Name, "a static partial property"));
                    continue;
            }
            if (!s_generated.TryGetValue(member.Name, out int parameters)) continue;
            bool clashes = member switch
            {
                // A method with another parameter count is an overload and compiles next to the generated one.
                IMethodSymbol { MethodKind: MethodKind.Ordinary } method => parameters < 0 || method.Parameters.Length == parameters,
                IMethodSymbol => false,
                _ => true,
            };
            if (clashes)
            {
                problems.Add(new Problem(DiagnosticDescriptors.GeneratedMemberConflict, LocationOf(member), type.Name, $"a member named '{member.Name}'"));
            }
        }
    }

    /// <summary>Declared in the user's code, not added by this generator (the analyzer sees generated code too).</summary>
    internal static bool IsUserDeclared(ISymbol member) =>
        !member.IsImplicitlyDeclared &&
        member.DeclaringSyntaxReferences.Any(r => !r.SyntaxTree.FilePath.EndsWith(StructNames.GeneratedFileSuffix, System.StringComparison.Ordinal));

    private static bool IsStructLayout(AttributeData attribute) =>
        attribute.AttributeClass is { Name: "StructLayoutAttribute" } cls &&
        cls.ContainingNamespace?.ToDisplayString() == "System.Runtime.InteropServices" &&
        attribute.ApplicationSyntaxReference is { } reference &&
        !reference.SyntaxTree.FilePath.EndsWith(StructNames.GeneratedFileSuffix, System.StringComparison.Ordinal);

    private static Location LocationOf(ISymbol symbol) => symbol.Locations.FirstOrDefault() ?? Location.None;
}
