using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits <c>Write(Utf8JsonWriter, T)</c>: one <c>Write…</c> call per member with a pre-encoded property name, in the
/// order and shape System.Text.Json would produce with the snake_case naming policy (nulls written, enums as numbers).
/// </summary>
internal static class TopicWriterEmitter
{
    public static void Emit(SourceWriter w, TopicModel model)
    {
        w.Line("/// <summary>Writes <paramref name=\"value\"/> as one JSON object, without validating it (see <see cref=\"Validate\"/>).</summary>");
        w.Open($"public static void Write(global::System.Text.Json.Utf8JsonWriter writer, {model.FullyQualifiedName} value)");
        w.Line("writer.WriteStartObject();");
        for (int i = 0; i < model.Members.Count; i++)
        {
            TopicMemberModel member = model.Members[i];
            string access = "value." + TopicKinds.Identifier(member.Name);
            if (member.IsNullable)
            {
                w.Line($"if ({access} is {{ }} v{i}) {WriteCall(member, i, "v" + i)} else writer.WriteNull(s_json{i});");
            }
            else
            {
                w.Line(WriteCall(member, i, access));
            }
        }
        w.Line("writer.WriteEndObject();");
        w.Close();
    }

    private static string WriteCall(TopicMemberModel member, int index, string value)
    {
        string name = "s_json" + index;
        TopicValueKind shape = TopicKinds.Shape(member);
        if (member.Kind == TopicValueKind.Enum) value = $"({TopicKinds.Keyword(shape)}){value}";
        return shape switch
        {
            TopicValueKind.String or TopicValueKind.Guid or TopicValueKind.DateTime or TopicValueKind.DateTimeOffset => $"writer.WriteString({name}, {value});",
            TopicValueKind.Boolean => $"writer.WriteBoolean({name}, {value});",
            TopicValueKind.SByte or TopicValueKind.Int16 => $"writer.WriteNumber({name}, (int){value});",
            TopicValueKind.Byte or TopicValueKind.UInt16 => $"writer.WriteNumber({name}, (uint){value});",
            _ => $"writer.WriteNumber({name}, {value});",
        };
    }
}
