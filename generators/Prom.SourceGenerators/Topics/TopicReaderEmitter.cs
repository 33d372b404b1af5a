using System.Collections.Generic;
using System.Linq;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits <c>Read(ref Utf8JsonReader)</c>: one pass over the object's members matched by UTF-8 name, unknown members
/// skipped (newer writers may add them), required members checked, then one constructor call.
/// </summary>
internal static class TopicReaderEmitter
{
    public static void Emit(SourceWriter w, TopicModel model)
    {
        w.Line("/// <summary>Reads one JSON object; the reader is on its <c>StartObject</c> (or before it) and ends on its <c>EndObject</c>.</summary>");
        w.Line("/// <exception cref=\"global::Prom.Topics.TopicPayloadException\">The JSON breaks the schema; the exception names the member.</exception>");
        w.Open($"public static {model.FullyQualifiedName} Read(ref global::System.Text.Json.Utf8JsonReader reader)");
        w.Line($"global::Prom.Topics.TopicJson.ReadStartObject(ref reader, Name, {Json.CSharpLiteral(model.TypeName)});");
        for (int i = 0; i < model.Members.Count; i++)
        {
            w.Line($"{LocalType(model.Members[i])} p{i} = default!;");
            if (TracksPresence(model.Members[i])) w.Line($"bool has{i} = false;");
        }
        w.Open("while (true)");
        w.Line("if (!reader.Read()) throw new global::System.Text.Json.JsonException(\"The JSON ends inside the payload object.\");");
        w.Line("if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndObject) break;");
        for (int i = 0; i < model.Members.Count; i++)
        {
            TopicMemberModel member = model.Members[i];
            w.Open($"{(i == 0 ? "" : "else ")}if (reader.ValueTextEquals({Json.CSharpLiteral(member.JsonName)}u8))");
            w.Line($"global::Prom.Topics.TopicJson.ReadValue(ref reader, s_member{i});");
            w.Line($"p{i} = {ReadExpression(member, i)};");
            if (TracksPresence(member)) w.Line($"has{i} = true;");
            w.Close();
        }
        if (model.Members.Count > 0) w.Line("else global::Prom.Topics.TopicJson.SkipUnknown(ref reader);");
        else w.Line("global::Prom.Topics.TopicJson.SkipUnknown(ref reader);");
        w.Close();

        for (int i = 0; i < model.Members.Count; i++)
        {
            if (model.Members[i].IsRequired) w.Line($"if (!has{i}) throw s_member{i}.Missing();");
        }

        EmitConstruction(w, model);
        w.Close();
    }

    private static void EmitConstruction(SourceWriter w, TopicModel model)
    {
        var arguments = new string[model.ConstructorParameterCount];
        var initializers = new List<string>();
        var assignments = new List<string>();
        for (int i = 0; i < model.Members.Count; i++)
        {
            TopicMemberModel member = model.Members[i];
            switch (member.Assignment)
            {
                case TopicMemberAssignment.Constructor:
                    arguments[member.ConstructorIndex] = member.DefaultExpression is { } fallback ? $"has{i} ? p{i} : {fallback}" : $"p{i}";
                    break;
                case TopicMemberAssignment.Init:
                    initializers.Add($"{TopicKinds.Identifier(member.Name)} = p{i}");
                    break;
                default:
                    assignments.Add($"if (has{i}) result.{TopicKinds.Identifier(member.Name)} = p{i};");
                    break;
            }
        }

        string creation = $"new {model.FullyQualifiedName}({string.Join(", ", arguments)})";
        if (initializers.Count > 0) creation += " { " + string.Join(", ", initializers) + " }";
        w.Line($"var result = {creation};");
        foreach (string assignment in assignments) w.Line(assignment);
        w.Line("return result;");
    }

    /// <summary>Whether the reader must remember that the member was present (required, defaulted or set-only-if-present).</summary>
    private static bool TracksPresence(TopicMemberModel member) =>
        member.IsRequired || member.DefaultExpression is not null || member.Assignment == TopicMemberAssignment.Set;

    private static string LocalType(TopicMemberModel member) =>
        member.IsNullable ? member.TypeName + "?" : member.TypeName;

    private static string ReadExpression(TopicMemberModel member, int index)
    {
        TopicValueKind shape = TopicKinds.Shape(member);
        string read = $"global::Prom.Topics.TopicJson.{TopicKinds.ReadHelper(shape)}(ref reader, s_member{index})";
        if (member.Kind == TopicValueKind.Enum) read = $"({member.TypeName}){read}";
        return member.IsNullable
            ? $"reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : ({member.TypeName}?){read}"
            : read;
    }
}
