using Microsoft.CodeAnalysis;

namespace Prom.CodeModel.Topics;

/// <summary>What <see cref="TopicTypeClassifier"/> found out about a member's (or element's) type.</summary>
internal sealed class TopicValueInfo
{
    public TopicValueInfo(TopicValueKind kind, bool isNullableValueType, ITypeSymbol valueType,
        TopicCollectionKind collection = TopicCollectionKind.None, TopicElementModel? element = null, int objectIndex = -1, int enumIndex = -1)
    {
        Kind = kind;
        IsNullableValueType = isNullableValueType;
        ValueType = valueType;
        Collection = collection;
        Element = element;
        ObjectIndex = objectIndex;
        EnumIndex = enumIndex;
    }

    public TopicValueKind Kind { get; }
    public bool IsNullableValueType { get; }

    /// <summary>The type itself, or <c>T</c> of a <c>Nullable&lt;T&gt;</c>.</summary>
    public ITypeSymbol ValueType { get; }

    public TopicCollectionKind Collection { get; }
    public TopicElementModel? Element { get; }
    public int ObjectIndex { get; }

    /// <summary>For enums: the index in <see cref="TopicModel.Enums"/>, else -1.</summary>
    public int EnumIndex { get; }
}
