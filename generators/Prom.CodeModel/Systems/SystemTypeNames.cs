using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Systems;

/// <summary>Metadata names of the attributes and Prom.Ecs types a [System] declaration is read against.</summary>
public static class SystemTypeNames
{
    /// <summary><c>Prom.SystemAttribute</c></summary>
    public const string SystemAttribute = "Prom.SystemAttribute";

    /// <summary><c>Prom.CurrentAttribute</c></summary>
    public const string CurrentAttribute = "Prom.CurrentAttribute";

    /// <summary><c>Prom.StagesAttribute</c></summary>
    public const string StagesAttribute = "Prom.StagesAttribute";

    /// <summary>The namespace of the ECS runtime types.</summary>
    public const string EcsNamespace = "Prom.Ecs";

    /// <summary>Whether <paramref name="type"/> is the Prom.Ecs type with this metadata name (e.g. <c>ColumnWriter`1</c>).</summary>
    public static bool IsEcsType(ITypeSymbol type, string metadataName) =>
        type is INamedTypeSymbol named
        && named.OriginalDefinition.MetadataName == metadataName
        && named.ContainingNamespace?.ToDisplayString() == EcsNamespace;

    /// <summary>Whether <paramref name="type"/> is <c>System.Threading.CancellationToken</c>.</summary>
    public static bool IsCancellationToken(ITypeSymbol type) =>
        type.Name == "CancellationToken" && type.ContainingNamespace?.ToDisplayString() == "System.Threading";

    /// <summary>Whether <paramref name="type"/> is <c>System.ReadOnlySpan&lt;Prom.Ecs.Entity&gt;</c>.</summary>
    public static bool IsEntitySpan(ITypeSymbol type) =>
        type is INamedTypeSymbol { IsGenericType: true } named
        && named.OriginalDefinition.MetadataName == "ReadOnlySpan`1"
        && named.ContainingNamespace?.ToDisplayString() == "System"
        && IsEcsType(named.TypeArguments[0], "Entity");
}
