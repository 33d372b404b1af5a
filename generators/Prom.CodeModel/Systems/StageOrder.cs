using System.Linq;
using Microsoft.CodeAnalysis;

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
}
