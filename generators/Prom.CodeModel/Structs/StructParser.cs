using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Structs;

/// <summary>
/// Reads a [Struct] declaration into a <see cref="StructModel"/> and the problems the analyzer reports.
/// The generator and the analyzer both call this, so a rule is never written twice.
/// Nested [Struct]s are read (silently) to learn their layout; each reports its own problems when it is analyzed.
/// </summary>
public sealed class StructParser
{
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<INamedTypeSymbol, StructLayoutModel?> _nestedLayouts = new(SymbolEqualityComparer.Default);
    private readonly HashSet<INamedTypeSymbol> _inProgress = new(SymbolEqualityComparer.Default);

    private StructParser(CancellationToken cancellationToken) => _cancellationToken = cancellationToken;

    /// <summary>Reads <paramref name="type"/>, which carries [Struct].</summary>
    public static StructParseResult Parse(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        var parser = new StructParser(cancellationToken);
        var problems = new List<Problem>();
        StructModel? model = parser.ParseRoot(type, problems);
        bool canReceiveCode = CanReceiveCode(type);
        if (problems.Count == 0 && model is not null) return new StructParseResult(model, problems, canReceiveCode, null);
        return new StructParseResult(null, problems, canReceiveCode, canReceiveCode ? StructPlaceholders.Read(type) : null);
    }

    /// <summary>Whether the struct and every type containing it are partial, so generated code can be added to them.</summary>
    public static bool CanReceiveCode(INamedTypeSymbol type)
    {
        for (INamedTypeSymbol? t = type; t is not null; t = t.ContainingType)
        {
            if (!IsPartial(t)) return false;
        }
        return true;
    }

    private StructModel? ParseRoot(INamedTypeSymbol type, List<Problem> problems)
    {
        Location location = type.Locations.FirstOrDefault() ?? Location.None;
        string name = type.Name;

        if (!IsPartial(type))
        {
            problems.Add(new Problem(DiagnosticDescriptors.StructMustBePartial, location, name));
        }
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            if (!IsPartial(outer))
            {
                problems.Add(new Problem(DiagnosticDescriptors.ContainingTypeMustBePartial, outer.Locations.FirstOrDefault() ?? location,
                    outer.Name, name, TypeKeyword(outer)));
            }
        }
        if (type.IsGenericType) // also when nested in a generic type: the runtime rejects explicit layout there
        {
            problems.Add(new Problem(DiagnosticDescriptors.GenericStruct, location, name));
        }
        if (type.IsRefLikeType)
        {
            problems.Add(new Problem(DiagnosticDescriptors.RefStruct, location, name));
        }
        GeneratedMemberConflicts.Report(type, problems);

        _inProgress.Add(type);
        MemberSet? members = ReadMembers(type, problems);
        _inProgress.Remove(type);
        if (members is null || problems.Count > 0) return null;

        ReportDuplicateColumns(type, members, problems);
        if (problems.Count > 0) return null;

        return new StructModel(
            Identifiers.NamespaceOf(type),
            ContainingTypes(type),
            name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            type.IsRecord ? "record struct" : "struct",
            type.IsReadOnly,
            members.Models.ToEquatableArray(),
            members.Layout);
    }

    /// <summary>The members of a type with their layout; null when the type is invalid.</summary>
    private sealed class MemberSet
    {
        public List<StructMemberModel> Models { get; } = new();
        public List<StructLayoutCalculator.MemberInput> Inputs { get; } = new();
        public List<Location> Locations { get; } = new();
        public StructLayoutModel Layout { get; set; } = null!;
    }

    private MemberSet? ReadMembers(INamedTypeSymbol type, List<Problem>? problems)
    {
        bool valid = true;
        var set = new MemberSet();
        void Report(DiagnosticDescriptor? descriptor, Location location, params object?[] args)
        {
            valid = false; // a null descriptor: invalid, and the compiler already says why
            if (descriptor is not null) problems?.Add(new Problem(descriptor, location, args));
        }

        foreach (ISymbol member in type.GetMembers())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            switch (member)
            {
                case IFieldSymbol { IsStatic: false, IsConst: false } field when !field.Name.StartsWith(StructNames.BackingFieldPrefix):
                {
                    // An auto-property's hidden backing field: report it on the property the user wrote.
                    ISymbol target = field.AssociatedSymbol ?? field;
                    ITypeSymbol storedType = field.Type;
                    Report(DiagnosticDescriptors.StorageMustBePartialProperty, LocationOf(target), type.Name, target.Name,
                        storedType.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat));
                    break;
                }
                case IPropertySymbol { IsStatic: false, IsIndexer: false, IsPartialDefinition: true } property
                    when property.PartialImplementationPart is null || !GeneratedMemberConflicts.IsUserDeclared(property.PartialImplementationPart):
                {
                    if (ReadProperty(type, property, Report) is { } read)
                    {
                        set.Models.Add(read.Model);
                        set.Inputs.Add(read.Input);
                        set.Locations.Add(LocationOf(property));
                    }
                    break;
                }
            }
        }

        int trailing = 0;
        if (KnownTypes.Find(type, KnownTypes.StructAttribute) is { } structAttribute)
        {
            foreach (KeyValuePair<string, TypedConstant> argument in structAttribute.NamedArguments)
            {
                if (argument.Key == "TrailingPadding" && argument.Value.Value is int value) trailing = value;
            }
        }
        if (trailing < 0)
        {
            Report(DiagnosticDescriptors.NegativePadding, LocationOf(type), type.Name, "at the end", trailing);
        }

        if (!valid) return null;

        // Bound the work before laying out: every array element's leaves are listed in the generated layout.
        long bytes = trailing, leaves = 0;
        foreach (StructLayoutCalculator.MemberInput input in set.Inputs)
        {
            bytes += input.PadBefore + input.Element.Alignment + ((long)input.Element.Size * input.Count);
            leaves += (long)input.Count * (input.Element.Nested?.Leaves.Count ?? 1);
        }
        if (bytes > StructLimits.MaxSize || leaves > StructLimits.MaxLeaves)
        {
            Report(DiagnosticDescriptors.StructTooLarge, LocationOf(type), type.Name, bytes, leaves, StructLimits.MaxSize, StructLimits.MaxLeaves);
            return null;
        }

        (int[] offsets, StructLayoutModel layout) = StructLayoutCalculator.Compute(set.Inputs, trailing);
        for (int i = 0; i < set.Models.Count; i++)
        {
            set.Models[i] = set.Models[i] with { Offset = offsets[i] };
        }
        set.Layout = layout;
        return set;
    }

    private delegate void ReportAction(DiagnosticDescriptor? descriptor, Location location, params object?[] args);

    private (StructMemberModel Model, StructLayoutCalculator.MemberInput Input)? ReadProperty(
        INamedTypeSymbol owner, IPropertySymbol property, ReportAction report)
    {
        Location location = LocationOf(property);
        bool valid = true;
        void Fail(DiagnosticDescriptor? descriptor, params object?[] args)
        {
            valid = false;
            report(descriptor, location, args);
        }

        int pad = IntArgument(property, KnownTypes.PadAttribute) ?? 0;
        if (pad < 0) Fail(DiagnosticDescriptors.NegativePadding, owner.Name, $"before '{property.Name}'", pad);

        int? length = IntArgument(property, KnownTypes.LengthAttribute);
        MemberShape shape;
        ITypeSymbol elementType = property.Type;
        if (property.ReturnsByRefReadonly) shape = MemberShape.RefReadOnly;
        else if (property.ReturnsByRef) shape = MemberShape.Ref;
        else if (SpanElement(property.Type, out bool readOnlySpan) is { } spanElement)
        {
            shape = readOnlySpan ? MemberShape.ReadOnlySpan : MemberShape.Span;
            elementType = spanElement;
        }
        else shape = MemberShape.Value;

        bool isArray = shape is MemberShape.Span or MemberShape.ReadOnlySpan;
        if (isArray)
        {
            if (length is > StructLimits.MaxLeaves) Fail(DiagnosticDescriptors.StructTooLarge, owner.Name, "more than " + StructLimits.MaxSize, length, StructLimits.MaxSize, StructLimits.MaxLeaves);
            else if (length is not > 0) Fail(DiagnosticDescriptors.InvalidArrayLength, owner.Name, property.Name, length?.ToString() ?? "missing");
            if (property.SetMethod is not null) Fail(DiagnosticDescriptors.ArrayMemberWithSetter, owner.Name, property.Name);
        }
        else if (length is not null)
        {
            Fail(DiagnosticDescriptors.LengthOnNonArray, owner.Name, property.Name);
        }

        if (owner.IsReadOnly)
        {
            // The storage of a readonly struct is readonly fields: nothing but an init accessor may write them.
            if (property.SetMethod is { IsInitOnly: false } && !isArray) Fail(DiagnosticDescriptors.WriteInReadOnlyStruct, owner.Name, property.Name, "declares a setter", "'init' or no setter");
            if (shape == MemberShape.Ref) Fail(DiagnosticDescriptors.WriteInReadOnlyStruct, owner.Name, property.Name, "returns a writable 'ref'", "'ref readonly'");
            if (shape == MemberShape.Span) Fail(DiagnosticDescriptors.WriteInReadOnlyStruct, owner.Name, property.Name, "returns a writable 'Span<T>'", "'ReadOnlySpan<T>'");
        }

        ElementTypeModel? element = ResolveElement(owner, property, elementType, Fail);
        if (!valid || element is null) return null;

        var model = new StructMemberModel(
            property.Name,
            ModifiersOf(property),
            shape,
            AccessorsOf(property),
            element,
            isArray ? length!.Value : 0,
            Offset: 0);
        return (model, new StructLayoutCalculator.MemberInput(property.Name, pad, element, model.Length));
    }

    private ElementTypeModel? ResolveElement(INamedTypeSymbol owner, IPropertySymbol property, ITypeSymbol type,
        System.Action<DiagnosticDescriptor?, object?[]> fail)
    {
        string display = type.ToDisplayString(SymbolDisplayFormat.MinimallyQualifiedFormat);
        if (ScalarTypeInfo.FromSymbol(type) is { } scalar)
        {
            return new ElementTypeModel(scalar, ScalarTypeInfo.Of(scalar).CSharpName, null);
        }
        if (type is INamedTypeSymbol { TypeKind: TypeKind.Struct } named && KnownTypes.IsStruct(named))
        {
            if (SymbolEqualityComparer.Default.Equals(named, owner) || _inProgress.Contains(named))
            {
                fail(DiagnosticDescriptors.RecursiveNesting, new object?[] { owner.Name, $"'{owner.Name}.{property.Name}' of type '{display}'" });
                return null;
            }
            StructLayoutModel? nested = NestedLayout(named);
            if (nested is null)
            {
                // Invalid nested [Struct]: it reports its own problems; this one is invalid silently,
                // unless the nested type leads back here (a cycle through this member).
                if (LeadsTo(named, owner, new HashSet<INamedTypeSymbol>(SymbolEqualityComparer.Default)))
                {
                    fail(DiagnosticDescriptors.RecursiveNesting, new object?[] { owner.Name, $"'{owner.Name}.{property.Name}' of type '{display}'" });
                }
                else
                {
                    fail(DiagnosticDescriptors.UnsupportedMemberType, new object?[] { owner.Name, property.Name, display + " (which has errors)" });
                }
                return null;
            }
            return new ElementTypeModel(null, named.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat), nested);
        }
        if (ContainsErrorType(type))
        {
            // The compiler already reports the unknown type (CS0246) in the user's code; a PROM message about
            // blittability would be a guess. The member is invalid silently.
            fail(null, System.Array.Empty<object?>());
            return null;
        }
        if (type.IsReferenceType || (type.IsValueType && !type.IsUnmanagedType))
        {
            fail(DiagnosticDescriptors.NonBlittableMember, new object?[] { owner.Name, property.Name, display });
            return null;
        }
        string hint = type is INamedTypeSymbol { TypeKind: TypeKind.Struct, SpecialType: SpecialType.None } && type.Locations.Any(l => l.IsInSource)
            ? display + " (mark it [Struct])"
            : display;
        fail(DiagnosticDescriptors.UnsupportedMemberType, new object?[] { owner.Name, property.Name, hint });
        return null;
    }

    /// <summary>Whether <paramref name="type"/> or a type argument of it could not be resolved.</summary>
    internal static bool ContainsErrorType(ITypeSymbol type) => type switch
    {
        { TypeKind: TypeKind.Error } => true,
        INamedTypeSymbol named => named.TypeArguments.Any(ContainsErrorType),
        IArrayTypeSymbol array => ContainsErrorType(array.ElementType),
        IPointerTypeSymbol pointer => ContainsErrorType(pointer.PointedAtType),
        _ => false,
    };

    private StructLayoutModel? NestedLayout(INamedTypeSymbol type)
    {
        if (_nestedLayouts.TryGetValue(type, out StructLayoutModel? cached)) return cached;
        _inProgress.Add(type);
        bool ownProblems = !CanReceiveCode(type) || type.IsGenericType || type.IsRefLikeType || GeneratedMemberConflicts.Any(type);
        MemberSet? members = ownProblems ? null : ReadMembers(type, problems: null);
        _inProgress.Remove(type);
        StructLayoutModel? layout = members?.Layout;
        if (layout is not null && HasDuplicateColumns(layout)) layout = null;
        _nestedLayouts[type] = layout;
        return layout;
    }

    /// <summary>Whether <paramref name="from"/> contains <paramref name="target"/> through [Struct] members.</summary>
    private static bool LeadsTo(INamedTypeSymbol from, INamedTypeSymbol target, HashSet<INamedTypeSymbol> seen)
    {
        if (!seen.Add(from)) return false;
        foreach (IPropertySymbol property in from.GetMembers().OfType<IPropertySymbol>())
        {
            if (property.IsStatic || !property.IsPartialDefinition) continue;
            ITypeSymbol type = SpanElement(property.Type, out _) ?? property.Type;
            if (type is not INamedTypeSymbol named || !KnownTypes.IsStruct(named)) continue;
            if (SymbolEqualityComparer.Default.Equals(named, target) || LeadsTo(named, target, seen)) return true;
        }
        return false;
    }

    private static bool HasDuplicateColumns(StructLayoutModel layout)
    {
        var columns = new HashSet<string>();
        return layout.Leaves.Any(leaf => !columns.Add(leaf.Column));
    }

    private static void ReportDuplicateColumns(INamedTypeSymbol type, MemberSet members, List<Problem> problems)
    {
        var seen = new Dictionary<string, string>();
        int firstLeaf = 0;
        for (int m = 0; m < members.Models.Count; m++)
        {
            StructMemberModel member = members.Models[m];
            int leafCount = member.Count * (member.Element.Nested?.Leaves.Count ?? 1);
            for (int i = firstLeaf; i < firstLeaf + leafCount; i++)
            {
                LeafModel leaf = members.Layout.Leaves[i];
                if (seen.TryGetValue(leaf.Column, out string? first))
                {
                    // One report per member is enough.
                    problems.Add(new Problem(DiagnosticDescriptors.DuplicateColumn, members.Locations[m], type.Name, first, leaf.Path, leaf.Column));
                    break;
                }
                seen.Add(leaf.Column, leaf.Path);
            }
            firstLeaf += leafCount;
        }
    }

    private static ITypeSymbol? SpanElement(ITypeSymbol type, out bool readOnly)
    {
        readOnly = false;
        if (type is not INamedTypeSymbol { IsGenericType: true, TypeArguments.Length: 1 } named) return null;
        if (named.ContainingNamespace is not { Name: "System", ContainingNamespace.IsGlobalNamespace: true }) return null;
        if (named.Name == "Span") return named.TypeArguments[0];
        if (named.Name == "ReadOnlySpan")
        {
            readOnly = true;
            return named.TypeArguments[0];
        }
        return null;
    }

    private static int? IntArgument(ISymbol symbol, string attributeName) =>
        KnownTypes.Find(symbol, attributeName) is { ConstructorArguments: { Length: 1 } args } && args[0].Value is int value
            ? value
            : null;

    internal static bool IsPartial(INamedTypeSymbol type) =>
        type.DeclaringSyntaxReferences.Length > 0 &&
        type.DeclaringSyntaxReferences.All(r => r.GetSyntax() is TypeDeclarationSyntax declaration &&
            declaration.Modifiers.Any(SyntaxKind.PartialKeyword));

    private static Location LocationOf(ISymbol symbol) => symbol.Locations.FirstOrDefault() ?? Location.None;

    internal static string ModifiersOf(IPropertySymbol property) =>
        property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is BasePropertyDeclarationSyntax syntax
            ? string.Join(" ", syntax.Modifiers.Select(m => m.Text))
            : "public partial";

    internal static EquatableArray<AccessorModel> AccessorsOf(IPropertySymbol property)
    {
        if (property.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is BasePropertyDeclarationSyntax { AccessorList: { } list })
        {
            return list.Accessors
                .Select(a => new AccessorModel(a.Keyword.Text, string.Join(" ", a.Modifiers.Select(m => m.Text))))
                .ToEquatableArray();
        }
        return new[] { new AccessorModel("get", "") }.ToEquatableArray();
    }

    /// <summary>Enclosing type declarations, outermost first, as generated code must reopen them.</summary>
    internal static EquatableArray<ContainingTypeModel> ContainingTypes(INamedTypeSymbol type)
    {
        var chain = new List<ContainingTypeModel>();
        for (INamedTypeSymbol? outer = type.ContainingType; outer is not null; outer = outer.ContainingType)
        {
            chain.Insert(0, new ContainingTypeModel(PartialDeclaration(outer)));
        }
        return chain.ToEquatableArray();
    }

    /// <summary>e.g. <c>static partial class Outer&lt;T&gt;</c>, <c>readonly ref partial struct View</c>.</summary>
    internal static string PartialDeclaration(INamedTypeSymbol type)
    {
        string modifiers = (type.IsStatic ? "static " : "") + (type.TypeKind == TypeKind.Struct && type.IsReadOnly ? "readonly " : "") +
            (type.IsRefLikeType ? "ref " : "");
        return $"{modifiers}partial {TypeKeyword(type)} {Identifiers.NameWithTypeParameters(type)}";
    }

    /// <summary><c>class</c>, <c>struct</c>, <c>record</c>, <c>record struct</c> or <c>interface</c>.</summary>
    internal static string TypeKeyword(INamedTypeSymbol type) => (type.TypeKind, type.IsRecord) switch
    {
        (TypeKind.Struct, true) => "record struct",
        (TypeKind.Struct, false) => "struct",
        (TypeKind.Interface, _) => "interface",
        (_, true) => "record",
        _ => "class",
    };
}
