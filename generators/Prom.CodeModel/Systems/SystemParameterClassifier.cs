using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Systems;

/// <summary>Decides what one Run parameter is (see <see cref="SystemParameterKind"/>) from its type and passing mode.</summary>
internal static class SystemParameterClassifier
{
    private const string WriteColumnsSuffix = "WriteColumns";
    private const string ReadColumnsSuffix = "ReadColumns";

    /// <summary>The parameter's model, or null after adding a problem.</summary>
    public static SystemParameterModel? Classify(string system, IParameterSymbol parameter, Compilation compilation, List<Problem> problems)
    {
        ITypeSymbol type = parameter.Type;
        string modifier = parameter.RefKind switch
        {
            RefKind.Ref => "ref ",
            RefKind.In or RefKind.RefReadOnlyParameter => "in ",
            _ => "",
        };

        string? unsupported;
        SystemParameterModel? model = null;
        if (parameter.RefKind == RefKind.Out)
        {
            unsupported = "'out' parameters are not supported; use 'ref' to write an owned component or a resource";
        }
        else if (type is IErrorTypeSymbol or INamedTypeSymbol && IsNamedColumns(type, out bool write, out string componentName))
        {
            model = ClassifyNamedColumns(type, parameter, componentName, write, compilation, out unsupported);
        }
        else if (type.TypeKind == TypeKind.Error)
        {
            unsupported = "its type '" + type.ToDisplayString() + "' cannot be found";
        }
        else if (IsComponent(type))
        {
            unsupported = InvalidComponent(type);
            if (unsupported is null) model = ClassifyComponent(parameter, type, modifier, out unsupported);
        }
        else
        {
            model = ClassifyOther(parameter, type, modifier, out unsupported);
        }

        if (unsupported is not null)
        {
            problems.Add(new Problem(DiagnosticDescriptors.UnsupportedSystemParameter,
                parameter.Locations.FirstOrDefault() ?? Location.None, system, parameter.Name, unsupported));
            return null;
        }

        return model;
    }

    private static SystemParameterModel? ClassifyComponent(IParameterSymbol parameter, ITypeSymbol type, string modifier, out string? unsupported)
    {
        unsupported = null;
        string target = Qualified(type);
        (EquatableArray<ComponentLeafSlot> leaves, int size) = LeafSlots(type);
        bool current = KnownTypes.Find(parameter, SystemTypeNames.CurrentAttribute) is not null;
        if (parameter.RefKind == RefKind.Ref)
        {
            if (current) unsupported = "[Current] reads the owner's value of this tick; it cannot be combined with 'ref'";
            return new SystemParameterModel(parameter.Name, SystemParameterKind.ComponentWrite, modifier, target, target, leaves, size);
        }

        SystemParameterKind kind = current ? SystemParameterKind.ComponentCurrent : SystemParameterKind.ComponentRead;
        return new SystemParameterModel(parameter.Name, kind, modifier, target, target, leaves, size);
    }

    /// <summary>The component's leaves from the shared [Struct] layout (the same one the ECS stores columns by).</summary>
    private static (EquatableArray<ComponentLeafSlot> Leaves, int Size) LeafSlots(ITypeSymbol type) =>
        type is INamedTypeSymbol named && Structs.StructParser.Parse(named, default).Model is { } model
            ? (model.Layout.Leaves.Select(leaf => new ComponentLeafSlot(leaf.Offset, Structs.ScalarTypeInfo.Of(leaf.Type).Size)).ToEquatableArray(), model.Layout.Size)
            : (EquatableArray<ComponentLeafSlot>.Empty, 0);

    private static SystemParameterModel? ClassifyOther(IParameterSymbol parameter, ITypeSymbol type, string modifier, out string? unsupported)
    {
        (SystemParameterModel? model, string? problem) = ClassifyOther(parameter, type, modifier);
        unsupported = problem;
        return model;
    }

    private static (SystemParameterModel? Model, string? Problem) ClassifyOther(IParameterSymbol parameter, ITypeSymbol type, string modifier)
    {
        string typeName = Qualified(type);
        if (KnownTypes.Find(parameter, SystemTypeNames.CurrentAttribute) is not null)
            return (null, "[Current] applies to [Component] parameters only");

        if (SystemTypeNames.IsEcsType(type, "Entity")) return ByValue(SystemParameterKind.Entity, "");
        if (SystemTypeNames.IsEcsType(type, "QueryChunk")) return ByValue(SystemParameterKind.Chunk, "");
        if (SystemTypeNames.IsEntitySpan(type)) return ByValue(SystemParameterKind.ChunkEntities, "");
        if (SystemTypeNames.IsEcsType(type, "CommandBuffer")) return ByValue(SystemParameterKind.Commands, "");
        if (SystemTypeNames.IsCancellationToken(type)) return ByValue(SystemParameterKind.Cancellation, "");
        if (SystemTypeNames.IsEcsType(type, "ColumnWriter`1")) return Generic(SystemParameterKind.ColumnWrite, requireComponent: true);
        if (SystemTypeNames.IsEcsType(type, "ColumnReader`1")) return Generic(SystemParameterKind.ColumnRead, requireComponent: true);
        if (SystemTypeNames.IsEcsType(type, "ColumnLease`1")) return Generic(SystemParameterKind.Lease, requireComponent: true);
        if (SystemTypeNames.IsEcsType(type, "EffectWriter`1")) return Generic(SystemParameterKind.Effects, requireComponent: false);
        if (SystemTypeNames.IsEcsType(type, "EventReader`1")) return Generic(SystemParameterKind.Events, requireComponent: false);
        if (SystemTypeNames.IsEcsType(type, "World"))
            return (null, "a system does not take the World; declare what it reads and writes as parameters (components, resources, CommandBuffer)");

        if (type.IsRefLikeType || type.TypeKind is TypeKind.Pointer or TypeKind.FunctionPointer or TypeKind.TypeParameter or TypeKind.Dynamic)
            return (null, "'" + type.ToDisplayString() + "' cannot be a world resource");

        SystemParameterKind kind = parameter.RefKind == RefKind.Ref ? SystemParameterKind.ResourceWrite : SystemParameterKind.ResourceRead;
        return (new SystemParameterModel(parameter.Name, kind, modifier, typeName, typeName), null);

        (SystemParameterModel?, string?) ByValue(SystemParameterKind byValueKind, string target) =>
            parameter.RefKind != RefKind.None
                ? (null, "'" + type.ToDisplayString() + "' is passed by value")
                : (new SystemParameterModel(parameter.Name, byValueKind, "", typeName, target), null);

        (SystemParameterModel?, string?) Generic(SystemParameterKind genericKind, bool requireComponent)
        {
            ITypeSymbol argument = ((INamedTypeSymbol)type).TypeArguments[0];
            if (requireComponent && !IsComponent(argument)) return (null, "'" + argument.ToDisplayString() + "' is not a [Component]");
            if (requireComponent && InvalidComponent(argument) is { } invalid) return (null, invalid);
            return ByValue(genericKind, Qualified(argument));
        }
    }

    /// <summary>
    /// The generated <c>TWriteColumns</c>/<c>TReadColumns</c> types: generators do not see each other's output, so while
    /// generating they are error types; they are matched by name to the [Component] they belong to.
    /// </summary>
    private static SystemParameterModel? ClassifyNamedColumns(
        ITypeSymbol type, IParameterSymbol parameter, string componentName, bool write, Compilation compilation, out string? unsupported)
    {
        unsupported = null;
        INamedTypeSymbol? component = FindComponent(type, componentName, compilation);
        if (component is null)
        {
            unsupported = "'" + type.Name + "' looks like generated component columns, but no [Component] named '" + componentName + "' exists";
            return null;
        }
        if (InvalidComponent(component) is { } invalid)
        {
            unsupported = invalid;
            return null;
        }

        if (parameter.RefKind != RefKind.None)
        {
            unsupported = "'" + type.Name + "' is passed by value";
            return null;
        }

        string target = Qualified(component);
        string columns = target + (write ? WriteColumnsSuffix : ReadColumnsSuffix);
        return new SystemParameterModel(parameter.Name,
            write ? SystemParameterKind.NamedWriteColumns : SystemParameterKind.NamedReadColumns, "", columns, target);
    }

    private static bool IsNamedColumns(ITypeSymbol type, out bool write, out string componentName)
    {
        write = type.Name.EndsWith(WriteColumnsSuffix, System.StringComparison.Ordinal);
        bool read = !write && type.Name.EndsWith(ReadColumnsSuffix, System.StringComparison.Ordinal);
        componentName = write || read ? type.Name.Substring(0, type.Name.Length - (write ? WriteColumnsSuffix : ReadColumnsSuffix).Length) : "";
        return (write || read) && componentName.Length > 0 && (type.TypeKind == TypeKind.Error || type.IsRefLikeType);
    }

    private static INamedTypeSymbol? FindComponent(ITypeSymbol columnsType, string componentName, Compilation compilation)
    {
        if (columnsType.TypeKind != TypeKind.Error && columnsType.ContainingNamespace is { } ns)
        {
            return ns.GetTypeMembers(componentName).FirstOrDefault(IsComponent);
        }

        INamedTypeSymbol[] candidates = compilation.GetSymbolsWithName(componentName, SymbolFilter.Type)
            .OfType<INamedTypeSymbol>().Where(IsComponent).ToArray();
        return candidates.Length == 1 ? candidates[0] : null;
    }

    private static bool IsComponent(ITypeSymbol type) => KnownTypes.Find(type, KnownTypes.ComponentAttribute) is not null;

    /// <summary>
    /// Why a [Component] cannot be used (its own declaration has errors, reported on it), or null when it is valid:
    /// generated code would otherwise name a type that has no generated layout and does not compile.
    /// </summary>
    private static string? InvalidComponent(ITypeSymbol type) =>
        type is INamedTypeSymbol named && Components.ComponentParser.Parse(named, System.Threading.CancellationToken.None).Model is null
            ? "'" + type.ToDisplayString() + "' is a [Component] whose declaration has errors (see the diagnostics on it)"
            : null;

    private static string Qualified(ITypeSymbol type) => type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
}
