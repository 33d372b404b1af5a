using Microsoft.CodeAnalysis;

namespace Prom.CodeModel;

/// <summary>Metadata names of the public attributes in Prom.Abstractions, and symbol tests for them.</summary>
public static class KnownTypes
{
    /// <summary><c>Prom.StructAttribute</c></summary>
    public const string StructAttribute = "Prom.StructAttribute";

    /// <summary><c>Prom.ComponentAttribute</c></summary>
    public const string ComponentAttribute = "Prom.ComponentAttribute";

    /// <summary><c>Prom.TopicAttribute</c></summary>
    public const string TopicAttribute = "Prom.TopicAttribute";

    /// <summary><c>Prom.Topics.TopicClient`1</c>, the typed client generated topics publish through.</summary>
    public const string TopicClient = "Prom.Topics.TopicClient`1";

    /// <summary><c>Prom.LengthAttribute</c></summary>
    public const string LengthAttribute = "Prom.LengthAttribute";

    /// <summary><c>Prom.PadAttribute</c></summary>
    public const string PadAttribute = "Prom.PadAttribute";

    /// <summary>Whether <paramref name="attributeClass"/> is the type with the metadata name <paramref name="metadataName"/>.</summary>
    public static bool Is(INamedTypeSymbol? attributeClass, string metadataName) =>
        attributeClass is not null && attributeClass.ToDisplayString(SymbolDisplayFormat.CSharpErrorMessageFormat) == metadataName;

    /// <summary>The attribute of the given metadata name on <paramref name="symbol"/>, or null.</summary>
    public static AttributeData? Find(ISymbol symbol, string metadataName)
    {
        foreach (AttributeData attribute in symbol.GetAttributes())
        {
            if (Is(attribute.AttributeClass, metadataName)) return attribute;
        }
        return null;
    }

    /// <summary>Whether <paramref name="type"/> is marked [Struct].</summary>
    public static bool IsStruct(ITypeSymbol type) => Find(type, StructAttribute) is not null;
}
