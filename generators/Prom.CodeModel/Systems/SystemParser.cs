using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Systems;

/// <summary>
/// Reads a [System] class: its declaration, its attribute settings and the signature of Run, which is its access
/// declaration. Shared by the system generator (the model) and the system analyzer (the problems).
/// </summary>
public static class SystemParser
{
    /// <summary>The model (null when invalid) and the problems found.</summary>
    public static (SystemModel? Model, IReadOnlyList<Problem> Problems) Parse(
        INamedTypeSymbol type, Compilation compilation, CancellationToken cancellationToken)
    {
        var problems = new List<Problem>();
        Location location = type.Locations.FirstOrDefault() ?? Location.None;
        CheckDeclaration(type, location, problems);
        EquatableArray<string> constructorParameters = ReadConstructor(type, location, problems);

        IMethodSymbol? run = FindRun(type, location, problems);
        if (run is null || problems.Count > 0) return (null, problems);

        cancellationToken.ThrowIfCancellationRequested();
        var parameters = new List<SystemParameterModel>();
        foreach (IParameterSymbol parameter in run.Parameters)
        {
            SystemParameterModel? parameterModel = SystemParameterClassifier.Classify(type.Name, parameter, compilation, problems);
            if (parameterModel is not null) parameters.Add(parameterModel);
        }

        CheckRepeatedTargets(type.Name, run, parameters, problems);
        SystemReturn returns = ReadReturn(type.Name, run, problems);
        SystemShape shape = RunShapeRules.Decide(type.Name, run, parameters, returns, problems);

        AttributeData attribute = KnownTypes.Find(type, SystemTypeNames.SystemAttribute)!;
        EquatableArray<string> none = ReadComponentTypes(type.Name, attribute, "None", location, problems);
        EquatableArray<string> any = ReadComponentTypes(type.Name, attribute, "Any", location, problems);
        EquatableArray<string> changed = ReadComponentTypes(type.Name, attribute, "Changed", location, problems);
        if (shape == SystemShape.Once && (none.Count + any.Count + changed.Count > 0 || ReadBool(attribute, "SkipIfEmpty")))
        {
            problems.Add(new Problem(DiagnosticDescriptors.InvalidRunShape, location, type.Name,
                "runs once per tick, so it has no query for None/Any/Changed/SkipIfEmpty; take a component parameter or remove them"));
        }

        if (problems.Count > 0) return (null, problems);

        var model = new SystemModel(
            type.ContainingNamespace.IsGlobalNamespace ? "" : type.ContainingNamespace.ToDisplayString(),
            type.Name,
            type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            ReadString(attribute, "Name") ?? type.Name,
            ReadString(attribute, "Stage") ?? "update",
            ReadStrings(attribute, "Before"),
            ReadStrings(attribute, "After"),
            ReadBool(attribute, "SkipIfEmpty"),
            none,
            any,
            changed,
            shape,
            returns,
            HasHook(type, "Prepare"),
            HasHook(type, "Cleanup"),
            constructorParameters,
            parameters.ToEquatableArray());
        return (model, problems);
    }

    private static void CheckDeclaration(INamedTypeSymbol type, Location location, List<Problem> problems)
    {
        bool isPartial = type.DeclaringSyntaxReferences.Any(reference =>
            reference.GetSyntax() is Microsoft.CodeAnalysis.CSharp.Syntax.TypeDeclarationSyntax declaration
            && declaration.Modifiers.Any(modifier => modifier.Text == "partial"));
        if (!isPartial) problems.Add(new Problem(DiagnosticDescriptors.SystemMustBePartial, location, type.Name));
        if (type.TypeKind != TypeKind.Class || type.IsRecord)
            problems.Add(new Problem(DiagnosticDescriptors.InvalidSystemDeclaration, location, type.Name, "must be a class"));
        else if (type.IsGenericType)
            problems.Add(new Problem(DiagnosticDescriptors.InvalidSystemDeclaration, location, type.Name, "must not be generic"));
        else if (type.ContainingType is not null)
            problems.Add(new Problem(DiagnosticDescriptors.InvalidSystemDeclaration, location, type.Name, "must be a top-level class, not nested in another type"));
        else if (type.IsStatic || type.IsAbstract)
            problems.Add(new Problem(DiagnosticDescriptors.InvalidSystemDeclaration, location, type.Name, "must not be static or abstract: the scheduler creates one instance per world"));
        else if (type.DeclaredAccessibility == Accessibility.Private)
            problems.Add(new Problem(DiagnosticDescriptors.InvalidSystemDeclaration, location, type.Name, "must be public or internal"));
    }

    /// <summary>The constructor the runner calls: the parameterless one, else the only accessible one.</summary>
    private static EquatableArray<string> ReadConstructor(INamedTypeSymbol type, Location location, List<Problem> problems)
    {
        IMethodSymbol[] constructors = type.InstanceConstructors
            .Where(constructor => constructor.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal)
            .ToArray();
        IMethodSymbol? chosen = constructors.FirstOrDefault(constructor => constructor.Parameters.Length == 0)
            ?? (constructors.Length == 1 ? constructors[0] : null);
        if (chosen is null)
        {
            problems.Add(new Problem(DiagnosticDescriptors.InvalidSystemDeclaration, location, type.Name,
                constructors.Length == 0
                    ? "has no public or internal constructor"
                    : "has several constructors and none without parameters; keep one, whose parameters come from the service provider"));
            return EquatableArray<string>.Empty;
        }

        return chosen.Parameters
            .Select(parameter => parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat))
            .ToEquatableArray();
    }

    private static IMethodSymbol? FindRun(INamedTypeSymbol type, Location location, List<Problem> problems)
    {
        IMethodSymbol[] runs = type.GetMembers("Run").OfType<IMethodSymbol>()
            .Where(method => method.MethodKind == MethodKind.Ordinary)
            .ToArray();
        string? problem = runs.Length switch
        {
            0 => "has no Run method",
            > 1 => "has " + runs.Length + " Run methods",
            _ when runs[0].IsStatic => "has a static Run method",
            _ when runs[0].IsGenericMethod => "has a generic Run method",
            _ when runs[0].DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal) => "has a private Run method",
            _ => null,
        };
        if (problem is null) return runs[0];
        problems.Add(new Problem(DiagnosticDescriptors.SystemRunMethod, runs.Length == 1 ? runs[0].Locations.FirstOrDefault() ?? location : location, type.Name, problem));
        return null;
    }

    private static void CheckRepeatedTargets(string system, IMethodSymbol run, List<SystemParameterModel> parameters, List<Problem> problems)
    {
        var seen = new HashSet<string>();
        foreach (SystemParameterModel parameter in parameters)
        {
            if (!(parameter.Owns || parameter.ReadsComponent) || seen.Add(parameter.Target)) continue;
            Location location = run.Parameters.First(p => p.Name == parameter.Name).Locations.FirstOrDefault() ?? Location.None;
            problems.Add(new Problem(DiagnosticDescriptors.UnsupportedSystemParameter, location, system, parameter.Name,
                "component '" + Display(parameter.Target) + "' is already taken by an earlier parameter; take each component once"));
        }
    }

    private static SystemReturn ReadReturn(string system, IMethodSymbol run, List<Problem> problems)
    {
        if (run.ReturnsVoid) return SystemReturn.Void;
        string returns = run.ReturnType.ToDisplayString();
        if (returns == "System.Threading.Tasks.ValueTask") return SystemReturn.ValueTask;
        if (returns == "System.Threading.Tasks.Task") return SystemReturn.Task;
        problems.Add(new Problem(DiagnosticDescriptors.InvalidRunShape, run.Locations.FirstOrDefault() ?? Location.None, system,
            "returns '" + returns + "'; Run returns void, or ValueTask/Task for a system that runs once per tick"));
        return SystemReturn.Void;
    }

    private static bool HasHook(INamedTypeSymbol type, string name) =>
        type.GetMembers(name).OfType<IMethodSymbol>().Any(method =>
            !method.IsStatic && method.Parameters.Length == 0 && method.ReturnsVoid
            && method.DeclaredAccessibility is Accessibility.Public or Accessibility.Internal);

    private static EquatableArray<string> ReadComponentTypes(
        string system, AttributeData attribute, string property, Location location, List<Problem> problems)
    {
        TypedConstant value = attribute.NamedArguments.FirstOrDefault(argument => argument.Key == property).Value;
        if (value.Kind != TypedConstantKind.Array || value.IsNull) return EquatableArray<string>.Empty;
        var names = new List<string>();
        foreach (TypedConstant item in value.Values)
        {
            if (item.Value is not INamedTypeSymbol component || KnownTypes.Find(component, KnownTypes.ComponentAttribute) is null)
            {
                problems.Add(new Problem(DiagnosticDescriptors.InvalidSystemDeclaration, location, system,
                    property + " lists '" + (item.Value as ITypeSymbol)?.ToDisplayString() + "', which is not a [Component]"));
                continue;
            }

            names.Add(component.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat));
        }

        return names.ToEquatableArray();
    }

    private static string? ReadString(AttributeData attribute, string property) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == property).Value.Value as string;

    private static bool ReadBool(AttributeData attribute, string property) =>
        attribute.NamedArguments.FirstOrDefault(argument => argument.Key == property).Value.Value is true;

    private static EquatableArray<string> ReadStrings(AttributeData attribute, string property)
    {
        TypedConstant value = attribute.NamedArguments.FirstOrDefault(argument => argument.Key == property).Value;
        if (value.Kind != TypedConstantKind.Array || value.IsNull) return EquatableArray<string>.Empty;
        return value.Values.Select(item => item.Value as string).Where(name => name is not null).Select(name => name!).ToEquatableArray();
    }

    /// <summary><c>global::Game.Position</c> → <c>Game.Position</c>, for messages and plan data.</summary>
    public static string Display(string fullyQualifiedName) =>
        fullyQualifiedName.StartsWith("global::", System.StringComparison.Ordinal) ? fullyQualifiedName.Substring(8) : fullyQualifiedName;
}
