using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Systems;

/// <summary>The stage order of an assembly: <c>[assembly: Stages(...)]</c> or the default.</summary>
public static class StageOrder
{
    /// <summary>The stage that runs once, before the first tick.</summary>
    public const string Startup = "startup";

    /// <summary><c>startup, update, late, render, cleanup</c>.</summary>
    public static EquatableArray<string> Default { get; } = new[] { Startup, "update", "late", "render", "cleanup" }.ToEquatableArray();

    /// <summary>The declared order of <paramref name="assembly"/>, or <see cref="Default"/>.</summary>
    public static EquatableArray<string> Of(IAssemblySymbol assembly)
    {
        AttributeData? stages = KnownTypes.Find(assembly, SystemTypeNames.StagesAttribute);
        if (stages is null || stages.ConstructorArguments.Length != 1) return Default;
        TypedConstant names = stages.ConstructorArguments[0];
        if (names.Kind != TypedConstantKind.Array || names.IsNull) return Default;
        return names.Values.Select(value => value.Value as string).Where(name => !string.IsNullOrEmpty(name)).Select(name => name!)
            .Distinct().ToEquatableArray();
    }

    /// <summary>What is wrong with <c>[assembly: Stages(...)]</c>: a stage listed twice, or an empty name (PROM0213).</summary>
    public static IReadOnlyList<Problem> Problems(IAssemblySymbol assembly)
    {
        var problems = new List<Problem>();
        AttributeData? stages = KnownTypes.Find(assembly, SystemTypeNames.StagesAttribute);
        if (stages is null || stages.ConstructorArguments.Length != 1) return problems;
        TypedConstant names = stages.ConstructorArguments[0];
        if (names.Kind != TypedConstantKind.Array || names.IsNull) return problems;
        Location location = stages.ApplicationSyntaxReference?.GetSyntax().GetLocation() ?? Location.None;
        var seen = new HashSet<string>();
        foreach (TypedConstant value in names.Values)
        {
            string? name = value.Value as string;
            if (string.IsNullOrEmpty(name)) problems.Add(new Problem(DiagnosticDescriptors.InvalidStageOrder, location, "an empty stage name"));
            else if (!seen.Add(name!)) problems.Add(new Problem(DiagnosticDescriptors.InvalidStageOrder, location, $"'{name}' twice"));
        }
        return problems;
    }
}
