using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Prom.CodeModel.Diagnostics;

namespace Prom.CodeModel.Topics;

/// <summary>A serializable property found on a payload type, before the constructor decides how it is assigned.</summary>
internal sealed class TopicMemberCandidate
{
    public TopicMemberCandidate(IPropertySymbol property, string jsonName, TopicValueInfo value)
    {
        Property = property;
        JsonName = jsonName;
        Value = value;
    }

    public IPropertySymbol Property { get; }
    public string JsonName { get; }
    public TopicValueInfo Value { get; }
    public TopicValueKind Kind => Value.Kind;
    public bool IsNullableValueType => Value.IsNullableValueType;
    public ITypeSymbol ValueType => Value.ValueType;

    /// <summary>Whether the member may hold null.</summary>
    public bool IsNullable => IsNullableValueType || (!ValueType.IsValueType && Property.NullableAnnotation == NullableAnnotation.Annotated);

    /// <summary>The model, or null (with a problem) when the member cannot be set by the deserializer.</summary>
    public TopicMemberModel? ToModel(INamedTypeSymbol type, IMethodSymbol constructor, List<Problem> problems)
    {
        IParameterSymbol? parameter = constructor.Parameters.FirstOrDefault(p => TopicConstructorFinder.Match(p, new[] { this }) is not null);
        TopicMemberAssignment assignment;
        if (parameter is not null) assignment = TopicMemberAssignment.Constructor;
        else if (Property.SetMethod is { DeclaredAccessibility: Accessibility.Public } setter) assignment = setter.IsInitOnly ? TopicMemberAssignment.Init : TopicMemberAssignment.Set;
        else
        {
            problems.Add(new Problem(DiagnosticDescriptors.UnserializablePayloadMember, Property.Locations.FirstOrDefault(), type.Name, Property.Name,
                "it has no public setter or init accessor and no matching constructor parameter, so it cannot be read back; add one or mark it [JsonIgnore]"));
            return null;
        }

        bool hasDefault = parameter is { HasExplicitDefaultValue: true } || HasInitializer(Property);
        return new TopicMemberModel(
            Property.Name,
            JsonName,
            Kind,
            TypeName(),
            IsNullableValueType,
            IsNullable,
            IsRequired: Property.IsRequired || (!IsNullable && !hasDefault),
            assignment,
            parameter?.Ordinal ?? -1,
            parameter is { HasExplicitDefaultValue: true } ? DefaultExpression(parameter) : null,
            Value.Collection,
            Value.Element,
            Value.ObjectIndex,
            Value.EnumIndex);
    }

    /// <summary>Collections keep their element annotations (<c>List&lt;string?&gt;</c>), or generated code would not match the member's type.</summary>
    private static readonly SymbolDisplayFormat s_withNullableElements =
        SymbolDisplayFormat.FullyQualifiedFormat.AddMiscellaneousOptions(SymbolDisplayMiscellaneousOptions.IncludeNullableReferenceTypeModifier);

    private string TypeName() => Kind == TopicValueKind.Array
        ? ValueType.WithNullableAnnotation(NullableAnnotation.NotAnnotated).ToDisplayString(s_withNullableElements)
        : ValueType.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);

    private static bool HasInitializer(IPropertySymbol property) =>
        property.DeclaringSyntaxReferences.Any(r => r.GetSyntax() is PropertyDeclarationSyntax { Initializer: not null });

    private static string DefaultExpression(IParameterSymbol parameter)
    {
        object? value = parameter.ExplicitDefaultValue;
        if (value is null) return "default";
        string type = parameter.Type.ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        if (parameter.Type is INamedTypeSymbol { OriginalDefinition.SpecialType: SpecialType.System_Nullable_T } nullable)
        {
            type = nullable.TypeArguments[0].ToDisplayString(SymbolDisplayFormat.FullyQualifiedFormat);
        }
        string literal = value switch
        {
            double d when double.IsNaN(d) => "global::System.Double.NaN",
            double d when double.IsPositiveInfinity(d) => "global::System.Double.PositiveInfinity",
            double d when double.IsNegativeInfinity(d) => "global::System.Double.NegativeInfinity",
            float f when float.IsNaN(f) => "global::System.Single.NaN",
            float f when float.IsPositiveInfinity(f) => "global::System.Single.PositiveInfinity",
            float f when float.IsNegativeInfinity(f) => "global::System.Single.NegativeInfinity",
            double d => d.ToString("R", CultureInfo.InvariantCulture) + "d",
            float f => f.ToString("R", CultureInfo.InvariantCulture) + "f",
            decimal m => m.ToString(CultureInfo.InvariantCulture) + "m",
            _ => SymbolDisplay.FormatPrimitive(value, quoteStrings: true, useHexadecimalNumbers: false),
        };
        return $"({type})({literal})";
    }
}
