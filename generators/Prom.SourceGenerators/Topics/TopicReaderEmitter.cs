using System.Collections.Generic;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits <c>Read(ref Utf8JsonReader)</c>: one pass over the object's members matched by UTF-8 name, unknown members
/// skipped (newer writers may add them), required members checked, then one constructor call; plus one private reader
/// per nested object type and per collection member.
/// </summary>
internal static class TopicReaderEmitter
{
    public static void Emit(SourceWriter w, TopicModel model)
    {
        foreach (TopicScope scope in TopicScope.All(model))
        {
            if (scope.IsPayload)
            {
                w.Line("/// <summary>Reads one JSON object; the reader is on its <c>StartObject</c> (or before it) and ends on its <c>EndObject</c>.</summary>");
                w.Line("/// <exception cref=\"global::Prom.Topics.TopicPayloadException\">The JSON breaks the schema; the exception names the member.</exception>");
                w.Open($"public static {scope.TypeFqn} Read(ref global::System.Text.Json.Utf8JsonReader reader)");
                w.Line($"global::Prom.Topics.TopicJson.ReadStartObject(ref reader, Name, {Json.CSharpLiteral(scope.TypeName)});");
            }
            else
            {
                w.Line();
                w.Open($"private static {scope.TypeFqn} {TopicScope.ReadObject(scope.ObjectIndex)}(ref global::System.Text.Json.Utf8JsonReader reader, global::Prom.Topics.TopicMemberInfo owner)");
                w.Line("if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartObject) throw owner.Unexpected(reader, \"a JSON object\");");
            }
            EmitBody(w, scope);
            w.Close();

            for (int i = 0; i < scope.Members.Count; i++)
            {
                if (scope.Members[i].Element is { } element) EmitItemsReader(w, scope, i, element);
            }
        }
    }

    private static void EmitBody(SourceWriter w, TopicScope scope)
    {
        for (int i = 0; i < scope.Members.Count; i++)
        {
            w.Line($"{LocalType(scope.Members[i])} p{i} = default!;");
            if (TracksPresence(scope.Members[i])) w.Line($"bool has{i} = false;");
        }
        w.Open("while (true)");
        w.Line("if (!reader.Read()) throw new global::System.Text.Json.JsonException(\"The JSON ends inside the payload object.\");");
        w.Line("if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndObject) break;");
        for (int i = 0; i < scope.Members.Count; i++)
        {
            TopicMemberModel member = scope.Members[i];
            w.Open($"{(i == 0 ? "" : "else ")}if (reader.ValueTextEquals({Json.CSharpLiteral(member.JsonName)}u8))");
            w.Line($"global::Prom.Topics.TopicJson.ReadValue(ref reader, {scope.MemberField(i)});");
            w.Line($"p{i} = {ReadExpression(member, scope, i)};");
            if (TracksPresence(member)) w.Line($"has{i} = true;");
            w.Close();
        }
        if (scope.Members.Count > 0) w.Line("else global::Prom.Topics.TopicJson.SkipUnknown(ref reader);");
        else w.Line("global::Prom.Topics.TopicJson.SkipUnknown(ref reader);");
        w.Close();

        for (int i = 0; i < scope.Members.Count; i++)
        {
            if (scope.Members[i].IsRequired) w.Line($"if (!has{i}) throw {scope.MemberField(i)}.Missing();");
        }

        EmitConstruction(w, scope);
    }

    private static void EmitConstruction(SourceWriter w, TopicScope scope)
    {
        var arguments = new string[scope.ConstructorParameterCount];
        var initializers = new List<string>();
        var assignments = new List<string>();
        for (int i = 0; i < scope.Members.Count; i++)
        {
            TopicMemberModel member = scope.Members[i];
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

        string creation = $"new {scope.TypeFqn}({string.Join(", ", arguments)})";
        if (initializers.Count > 0) creation += " { " + string.Join(", ", initializers) + " }";
        w.Line($"var result = {creation};");
        foreach (string assignment in assignments) w.Line(assignment);
        w.Line("return result;");
    }

    private static void EmitItemsReader(SourceWriter w, TopicScope scope, int i, TopicElementModel element)
    {
        TopicMemberModel member = scope.Members[i];
        string elementType = element.IsNullable ? element.TypeName + "?" : element.TypeName;
        w.Line();
        w.Open($"private static {member.TypeName} ReadItems{scope.ItemsSuffix(i)}(ref global::System.Text.Json.Utf8JsonReader reader, global::Prom.Topics.TopicMemberInfo member)");
        w.Line("if (reader.TokenType != global::System.Text.Json.JsonTokenType.StartArray) throw member.Unexpected(reader, \"a JSON array\");");
        w.Line($"var items = new global::System.Collections.Generic.List<{elementType}>();");
        w.Open("while (true)");
        w.Line("if (!reader.Read()) throw new global::System.Text.Json.JsonException(\"The JSON ends inside an array.\");");
        w.Line("if (reader.TokenType == global::System.Text.Json.JsonTokenType.EndArray) break;");
        w.Line($"items.Add({ValueRead(element.Kind, element.EnumIndex, element.TypeName, element.IsNullable, element.ObjectIndex, "member")});");
        w.Close();
        w.Line(member.Collection == TopicCollectionKind.Array ? "return items.ToArray();" : "return items;");
        w.Close();
    }

    /// <summary>Whether the reader must remember that the member was present (required, defaulted or set-only-if-present).</summary>
    private static bool TracksPresence(TopicMemberModel member) =>
        member.IsRequired || member.DefaultExpression is not null || member.Assignment == TopicMemberAssignment.Set;

    private static string LocalType(TopicMemberModel member) =>
        member.IsNullable ? member.TypeName + "?" : member.TypeName;

    private static string ReadExpression(TopicMemberModel member, TopicScope scope, int index)
    {
        string info = scope.MemberField(index);
        if (member.Kind == TopicValueKind.Array)
        {
            string read = $"ReadItems{scope.ItemsSuffix(index)}(ref reader, {info})";
            return $"reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? {(member.IsNullable ? "null" : $"throw {info}.Null()")} : {read}";
        }
        return ValueRead(member.Kind, member.EnumIndex, member.TypeName, member.IsNullable, member.ObjectIndex, info);
    }

    /// <summary>Reads one scalar, enum or nested object at the current token; JSON null is allowed only when nullable.</summary>
    private static string ValueRead(TopicValueKind kind, int enumIndex, string typeName, bool nullable, int objectIndex, string info)
    {
        string read;
        if (kind == TopicValueKind.Object)
        {
            read = $"{TopicScope.ReadObject(objectIndex)}(ref reader, {info})";
            return $"reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? {(nullable ? "null" : $"throw {info}.Null()")} : ({typeName}{(nullable ? "?" : "")}){read}";
        }
        read = kind == TopicValueKind.Enum
            ? $"ReadEnum{enumIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}(ref reader, {info})"
            : $"global::Prom.Topics.TopicJson.{TopicKinds.ReadHelper(kind)}(ref reader, {info})";
        return nullable
            ? $"reader.TokenType == global::System.Text.Json.JsonTokenType.Null ? null : ({typeName}?){read}"
            : read;
    }
}
