using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>
/// Reads an <c>[Upcaster]</c> method: its signature (static, non-generic, one by-value parameter, reachable from
/// generated code) and its types (version N and N+1 of one [Topic]). Shared by the topic generator (which only takes a
/// model without problems) and the topic analyzer (which reports the problems as PROM0309).
/// </summary>
public static class TopicUpcasterParser
{
    /// <summary>The metadata name of <c>Prom.UpcasterAttribute</c>.</summary>
    public const string UpcasterAttribute = "Prom.UpcasterAttribute";

    /// <summary>The model (null when anything is wrong) and the problems with <paramref name="method"/>.</summary>
    public static (TopicUpcasterModel? Model, IReadOnlyList<Problem> Problems) Parse(IMethodSymbol method)
    {
        var problems = new List<Problem>();
        Location location = method.Locations.FirstOrDefault() ?? Location.None;
        string display = method.ContainingType is { } containing ? containing.Name + "." + method.Name : method.Name;
        void Report(string what) => problems.Add(new Problem(DiagnosticDescriptors.InvalidUpcaster, location, display, what));

        if (!method.IsStatic) Report("must be static");
        if (method.IsGenericMethod)
        {
            Report("must not be generic"); // its types say nothing about versions: nothing more to check
            return (null, problems);
        }
        if (method.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
        {
            Report($"is {Describe(method.DeclaredAccessibility)}; generated code calls it, so make it public or internal");
        }
        for (INamedTypeSymbol? t = method.ContainingType; t is not null; t = t.ContainingType)
        {
            if (t.TypeParameters.Length > 0)
            {
                Report($"is declared in the generic type '{t.Name}'; declare it in a non-generic type");
                break;
            }
            if (t.DeclaredAccessibility is not (Accessibility.Public or Accessibility.Internal or Accessibility.ProtectedOrInternal))
            {
                Report($"is declared in '{t.Name}', which is {Describe(t.DeclaredAccessibility)}; its containing types must be public or internal");
                break;
            }
        }

        if (method.Parameters.Length != 1)
        {
            Report($"takes {method.Parameters.Length} parameters; it must take exactly one, version N of a topic");
            return (null, problems);
        }
        IParameterSymbol parameter = method.Parameters[0];
        if (parameter.RefKind != RefKind.None) Report($"takes its parameter by {parameter.RefKind.ToString().ToLowerInvariant()}; take it by value");
        if (method.ReturnsVoid || method.ReturnsByRef || method.ReturnsByRefReadonly)
        {
            Report(method.ReturnsVoid ? "returns void; it must return version N+1 of the topic" : "returns by reference; return the value");
            return (null, problems);
        }

        (string Topic, int Version)? from = TopicOf(parameter.Type);
        (string Topic, int Version)? to = TopicOf(method.ReturnType);
        if (from is null) Report($"takes '{parameter.Type.ToDisplayString()}', which is not a [Topic] payload");
        if (to is null) Report($"returns '{method.ReturnType.ToDisplayString()}', which is not a [Topic] payload");
        if (from is { } f && to is { } t2)
        {
            if (f.Topic != t2.Topic)
            {
                Report($"converts topic '{f.Topic}' into topic '{t2.Topic}'; both types must be versions of one topic");
            }
            else if (t2.Version != f.Version + 1)
            {
                Report($"converts version {f.Version} into version {t2.Version} of topic '{f.Topic}'; an upcaster goes from version N to N+1 (chains are built from single steps)");
            }
        }
        if (problems.Count > 0) return (null, problems);

        string containingType = method.ContainingType!.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        return (new TopicUpcasterModel(
            containingType + "." + method.Name,
            display,
            parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat),
            method.ReturnType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat)), problems);
    }

    /// <summary>The topic name and version of a [Topic] payload type, or null.</summary>
    private static (string Topic, int Version)? TopicOf(ITypeSymbol type)
    {
        AttributeData? attribute = KnownTypes.Find(type, KnownTypes.TopicAttribute);
        if (attribute is null || attribute.ConstructorArguments.Length != 1 || attribute.ConstructorArguments[0].Value is not string name) return null;
        int version = 1;
        foreach (KeyValuePair<string, TypedConstant> pair in attribute.NamedArguments)
        {
            if (pair.Key == "Version" && pair.Value.Value is int value) version = value;
        }
        return (name, version);
    }

    private static string Describe(Accessibility accessibility) => accessibility switch
    {
        Accessibility.Private => "private",
        Accessibility.Protected => "protected",
        Accessibility.ProtectedAndInternal => "private protected",
        _ => accessibility.ToString().ToLowerInvariant(),
    };
}
