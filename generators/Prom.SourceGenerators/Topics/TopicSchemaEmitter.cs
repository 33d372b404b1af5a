using System.Linq;
using System.Text;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>The payload's JSON schema (draft 2020-12) as compact JSON text.</summary>
internal static class TopicSchemaEmitter
{
    public static string Emit(TopicModel model)
    {
        var json = new StringBuilder(256);
        json.Append("{\"$schema\":\"https://json-schema.org/draft/2020-12/schema\"")
            .Append(",\"$id\":").Append(Json.Quote($"urn:prom:topic:{model.TopicName}:v{model.Version}"))
            .Append(",\"title\":").Append(Json.Quote(model.TypeName))
            .Append(",\"type\":\"object\",\"properties\":{");
        for (int i = 0; i < model.Members.Count; i++)
        {
            TopicMemberModel member = model.Members[i];
            (string type, string extra) = TopicKinds.Schema(TopicKinds.Shape(member));
            if (i > 0) json.Append(',');
            json.Append(Json.Quote(member.JsonName)).Append(":{\"type\":")
                .Append(member.IsNullable ? $"[\"{type}\",\"null\"]" : $"\"{type}\"")
                .Append(extra).Append('}');
        }
        json.Append("},\"required\":[")
            .Append(string.Join(",", model.Members.Where(m => m.IsRequired).Select(m => Json.Quote(m.JsonName))))
            .Append("]}");
        return json.ToString();
    }
}
