using System.Linq;
using System.Text;
using Prom.CodeModel;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// The payload's JSON schema (draft 2020-12) as compact JSON text. Nested objects are inlined as object schemas with
/// their own <c>properties</c> and <c>required</c> (recursive types are refused by the parser, so inlining ends);
/// collections are <c>array</c> schemas with <c>items</c>; an enum is a <c>string</c> schema with its wire names in
/// <c>enum</c> (and <c>null</c> there too when nullable, since <c>enum</c> is checked on its own).
/// </summary>
internal static class TopicSchemaEmitter
{
    public static string Emit(TopicModel model)
    {
        var json = new StringBuilder(256);
        json.Append("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"")
            .Append(",\"$id\":").Append(Json.Quote($"urn:prom:topic:{model.TopicName}:v{model.Version}"))
            .Append(",\"title\":").Append(Json.Quote(model.TypeName))
            .Append(",\"type\":\"object\",");
        AppendProperties(json, model.Members, model.Objects, model.Enums);
        json.Append('}');
        return json.ToString();
    }

    private static void AppendProperties(StringBuilder json, EquatableArray<TopicMemberModel> members, EquatableArray<TopicObjectModel> objects, EquatableArray<TopicEnumModel> enums)
    {
        json.Append("\"properties\":{");
        for (int i = 0; i < members.Count; i++)
        {
            TopicMemberModel member = members[i];
            if (i > 0) json.Append(',');
            json.Append(Json.Quote(member.JsonName)).Append(':');
            if (member.Kind == TopicValueKind.Array)
            {
                json.Append("{\"type\":").Append(Type("array", member.IsNullable)).Append(",\"items\":");
                TopicElementModel e = member.Element!;
                AppendValue(json, e.Kind, e.EnumIndex, e.IsNullable, e.ObjectIndex, objects, enums);
                json.Append('}');
            }
            else
            {
                AppendValue(json, member.Kind, member.EnumIndex, member.IsNullable, member.ObjectIndex, objects, enums);
            }
        }
        json.Append("},\"required\":[")
            .Append(string.Join(",", members.Where(m => m.IsRequired).Select(m => Json.Quote(m.JsonName))))
            .Append(']');
    }

    private static void AppendValue(StringBuilder json, TopicValueKind kind, int enumIndex, bool nullable, int objectIndex, EquatableArray<TopicObjectModel> objects, EquatableArray<TopicEnumModel> enums)
    {
        if (kind == TopicValueKind.Enum)
        {
            TopicEnumModel e = enums[enumIndex];
            json.Append("{\"title\":").Append(Json.Quote(e.TypeName)).Append(",\"type\":").Append(Type("string", nullable))
                .Append(",\"enum\":[").Append(string.Join(",", e.Members.Select(m => Json.Quote(m.WireName))));
            json.Append(nullable ? ",null]}" : "]}");
            return;
        }
        if (kind == TopicValueKind.Object)
        {
            TopicObjectModel o = objects[objectIndex];
            json.Append("{\"title\":").Append(Json.Quote(o.TypeName)).Append(",\"type\":").Append(Type("object", nullable)).Append(',');
            AppendProperties(json, o.Members, objects, enums);
            json.Append('}');
            return;
        }
        (string type, string extra) = TopicKinds.Schema(kind);
        json.Append("{\"type\":").Append(Type(type, nullable)).Append(extra).Append('}');
    }

    private static string Type(string type, bool nullable) => nullable ? $"[\"{type}\",\"null\"]" : $"\"{type}\"";
}
