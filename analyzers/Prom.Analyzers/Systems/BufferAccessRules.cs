using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Operations;
using Prom.CodeModel;
using Prom.CodeModel.Systems;

namespace Prom.Analyzers.Systems;

/// <summary>Which Prom.Ecs calls write a component, read next, or hand out a prev reference that gets written.</summary>
internal static class BufferAccessRules
{
    /// <summary>
    /// The component a call writes: <c>OwnerToken.Set/SetIfChanged/Carry&lt;T&gt;</c>, <c>World.Set&lt;T&gt;</c>,
    /// <c>QueryChunk.Write&lt;T&gt;</c>, <c>World.LeaseColumns&lt;T&gt;</c>, or a generated <c>chunk.WriteT(owner)</c>.
    /// </summary>
    public static ITypeSymbol? WrittenComponent(IMethodSymbol method)
    {
        INamedTypeSymbol type = method.ContainingType;
        if (method.IsGenericMethod && method.TypeArguments.Length == 1)
        {
            bool writes = (SystemTypeNames.IsEcsType(type, "OwnerToken") && method.Name is "Set" or "SetIfChanged" or "Carry")
                || (SystemTypeNames.IsEcsType(type, "World") && method.Name is "Set" or "LeaseColumns")
                || (SystemTypeNames.IsEcsType(type, "QueryChunk") && method.Name == "Write");
            return writes ? method.TypeArguments[0] : null;
        }

        // Generated per-component extension: PositionChunkExtensions.WritePosition(this QueryChunk, OwnerToken).
        if (method.IsExtensionMethod && type.Name.EndsWith(GeneratedNames.ChunkExtensionsSuffix, System.StringComparison.Ordinal)
            && method.Name.StartsWith("Write", System.StringComparison.Ordinal)
            && method.ReturnType is INamedTypeSymbol columns && columns.Name.EndsWith("WriteColumns", System.StringComparison.Ordinal))
        {
            string component = columns.Name.Substring(0, columns.Name.Length - "WriteColumns".Length);
            foreach (INamedTypeSymbol candidate in columns.ContainingNamespace.GetTypeMembers(component)) return candidate;
        }

        return null;
    }

    /// <summary>The component whose next buffer a call reads outside [Current]: <c>World.DangerousGetNext&lt;T&gt;</c>.</summary>
    public static ITypeSymbol? ReadsNext(IMethodSymbol method) =>
        method.IsGenericMethod && method.Name == "DangerousGetNext" && SystemTypeNames.IsEcsType(method.ContainingType, "World")
            ? method.TypeArguments[0]
            : null;

    /// <summary>
    /// For <c>Unsafe.AsRef(in x)</c> where x comes from a prev reference (<c>DangerousGetLeafReference</c>,
    /// <c>DangerousGetPrevReference</c>), the call that produced it; otherwise null.
    /// </summary>
    public static string? WritesPrev(IInvocationOperation invocation)
    {
        IMethodSymbol method = invocation.TargetMethod;
        if (method.Name != "AsRef" || method.ContainingType.ToDisplayString() != "System.Runtime.CompilerServices.Unsafe") return null;
        foreach (IArgumentOperation argument in invocation.Arguments)
        {
            IOperation value = argument.Value;
            while (value is IConversionOperation conversion) value = conversion.Operand;
            if (value is IInvocationOperation inner
                && inner.TargetMethod.Name is "DangerousGetLeafReference" or "DangerousGetPrevReference"
                && (SystemTypeNames.IsEcsType(inner.TargetMethod.ContainingType, "ColumnReader`1")
                    || SystemTypeNames.IsEcsType(inner.TargetMethod.ContainingType, "ColumnWriter`1")))
            {
                return inner.TargetMethod.ContainingType.Name + "." + inner.TargetMethod.Name;
            }
        }

        return null;
    }
}
