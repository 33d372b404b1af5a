using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Prom.CodeModel.Topics;

/// <summary>The values and source locations of one <c>[Topic(...)]</c> application.</summary>
internal sealed class TopicAttributeReader
{
    private readonly AttributeData _attribute;
    private readonly AttributeSyntax? _syntax;
    private readonly Location _fallback;

    public TopicAttributeReader(AttributeData attribute, Location fallback, CancellationToken cancellationToken)
    {
        _attribute = attribute;
        _syntax = attribute.ApplicationSyntaxReference?.GetSyntax(cancellationToken) as AttributeSyntax;
        _fallback = fallback;
    }

    /// <summary>The topic name argument, or null when it is missing or not a constant string.</summary>
    public string? Name => _attribute.ConstructorArguments.Length == 1 ? _attribute.ConstructorArguments[0].Value as string : null;

    /// <summary>Whether the name argument is there and is the constant <c>null</c>.</summary>
    public bool NameIsNullConstant =>
        _attribute.ConstructorArguments.Length == 1 && _attribute.ConstructorArguments[0] is { Kind: not TypedConstantKind.Error, IsNull: true };

    /// <summary>The location of the name argument (the string literal).</summary>
    public Location NameLocation =>
        _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals is null && a.NameColon is null)?.Expression.GetLocation()
        ?? _syntax?.GetLocation() ?? _fallback;

    /// <summary>A named argument's integer value, or <paramref name="fallback"/> when it is not set.</summary>
    public int Int(string name, int fallback)
    {
        foreach (var pair in _attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is int value) return value;
        }
        return fallback;
    }

    /// <summary>A named argument's boolean value.</summary>
    public bool Bool(string name)
    {
        foreach (var pair in _attribute.NamedArguments)
        {
            if (pair.Key == name && pair.Value.Value is bool value) return value;
        }
        return false;
    }

    /// <summary>A named argument's string value, or null.</summary>
    public string? String(string name)
    {
        foreach (var pair in _attribute.NamedArguments)
        {
            if (pair.Key == name) return pair.Value.Value as string;
        }
        return null;
    }

    /// <summary>The location of the named argument's value, or of the whole attribute.</summary>
    public Location LocationOf(string name) =>
        _syntax?.ArgumentList?.Arguments.FirstOrDefault(a => a.NameEquals?.Name.Identifier.Text == name)?.Expression.GetLocation()
        ?? _syntax?.GetLocation() ?? _fallback;
}
