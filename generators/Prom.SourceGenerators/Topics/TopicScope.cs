using System.Globalization;
using Prom.CodeModel;
using Prom.CodeModel.Topics;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// One JSON object the generated class reads and writes: the payload itself, or one of its nested object types. Names
/// of the generated fields and helpers are prefixed per scope (<c>s_json0</c> for the payload, <c>s_o1_json0</c> for
/// nested object 1), so a payload with only scalar members generates exactly what it did before nesting existed.
/// </summary>
internal sealed class TopicScope
{
    private TopicScope(string prefix, string typeFqn, string typeName, bool isValueType, int constructorParameterCount, EquatableArray<TopicMemberModel> members, int objectIndex, EquatableArray<TopicObjectModel> objects, EquatableArray<TopicEnumModel> enums)
    {
        Enums = enums;
        Objects = objects;
        Prefix = prefix;
        TypeFqn = typeFqn;
        TypeName = typeName;
        IsValueType = isValueType;
        ConstructorParameterCount = constructorParameterCount;
        Members = members;
        ObjectIndex = objectIndex;
    }

    public string Prefix { get; }
    public string TypeFqn { get; }
    public string TypeName { get; }
    public bool IsValueType { get; }
    public int ConstructorParameterCount { get; }
    public EquatableArray<TopicMemberModel> Members { get; }

    /// <summary>-1 for the payload, else the index in <see cref="TopicModel.Objects"/>.</summary>
    public int ObjectIndex { get; }

    public bool IsPayload => ObjectIndex < 0;

    /// <summary>All nested object types of the payload.</summary>
    public EquatableArray<TopicObjectModel> Objects { get; }

    /// <summary>The enums of the payload (one table for the payload and its nested objects).</summary>
    public EquatableArray<TopicEnumModel> Enums { get; }

    /// <summary>The simple name of enum <paramref name="index"/>, for messages.</summary>
    public string EnumTypeName(int index) => Enums[index].TypeName;

    /// <summary>Whether nested object <paramref name="index"/> is a struct (no null checks on it).</summary>
    public bool IsStructObject(int index) => Objects[index].IsValueType;

    public static TopicScope Payload(TopicModel model) =>
        new("", model.FullyQualifiedName, model.TypeName, model.IsValueType, model.ConstructorParameterCount, model.Members, -1, model.Objects, model.Enums);

    public static TopicScope Object(TopicModel model, int index)
    {
        TopicObjectModel o = model.Objects[index];
        return new TopicScope("o" + index.ToString(CultureInfo.InvariantCulture) + "_", o.FullyQualifiedName, o.TypeName, o.IsValueType, o.ConstructorParameterCount, o.Members, index, model.Objects, model.Enums);
    }

    /// <summary>The payload's scope, then every nested object's.</summary>
    public static System.Collections.Generic.IEnumerable<TopicScope> All(TopicModel model)
    {
        yield return Payload(model);
        for (int i = 0; i < model.Objects.Count; i++) yield return Object(model, i);
    }

    public string JsonField(int member) => $"s_{Prefix}json{member.ToString(CultureInfo.InvariantCulture)}";

    public string MemberField(int member) => $"s_{Prefix}member{member.ToString(CultureInfo.InvariantCulture)}";

    public string ItemsSuffix(int member) => "_" + Prefix + member.ToString(CultureInfo.InvariantCulture);

    public static string WriteObject(int index) => "WriteObject" + index.ToString(CultureInfo.InvariantCulture);

    public static string ReadObject(int index) => "ReadObject" + index.ToString(CultureInfo.InvariantCulture);

    public static string ValidateObject(int index) => "ValidateObject" + index.ToString(CultureInfo.InvariantCulture);
}
