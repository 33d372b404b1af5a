using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits <c>Write(Utf8JsonWriter, T)</c>: one <c>Write…</c> call per member with a pre-encoded property name, in the
/// order and shape System.Text.Json would produce with the snake_case naming policy (nulls written, enums as their names,
/// nested objects as objects, arrays and lists as arrays); plus one private writer per nested object type and per
/// collection member.
/// </summary>
internal static class TopicWriterEmitter
{
    public static void Emit(SourceWriter w, TopicModel model)
    {
        foreach (TopicScope scope in TopicScope.All(model))
        {
            if (scope.IsPayload)
            {
                w.Line("/// <summary>Writes <paramref name=\"value\"/> as one JSON object, without validating it (see <see cref=\"Validate\"/>).</summary>");
                w.Open($"public static void Write(global::System.Text.Json.Utf8JsonWriter writer, {scope.TypeFqn} value)");
            }
            else
            {
                w.Line();
                w.Open($"private static void {TopicScope.WriteObject(scope.ObjectIndex)}(global::System.Text.Json.Utf8JsonWriter writer, {scope.TypeFqn} value)");
            }
            w.Line("writer.WriteStartObject();");
            for (int i = 0; i < scope.Members.Count; i++) EmitMember(w, scope, i);
            w.Line("writer.WriteEndObject();");
            w.Close();

            for (int i = 0; i < scope.Members.Count; i++)
            {
                if (scope.Members[i].Element is { } element) EmitItemsWriter(w, scope, i, element);
            }
        }
    }

    private static void EmitMember(SourceWriter w, TopicScope scope, int i)
    {
        TopicMemberModel member = scope.Members[i];
        string access = "value." + TopicKinds.Identifier(member.Name);
        string name = scope.JsonField(i);
        if (member.Kind is TopicValueKind.Object or TopicValueKind.Array)
        {
            string call = member.Kind == TopicValueKind.Object
                ? TopicScope.WriteObject(member.ObjectIndex)
                : "WriteItems" + scope.ItemsSuffix(i);
            if (member.IsNullable)
            {
                w.Line($"if ({access} is {{ }} v{i}) {{ writer.WritePropertyName({name}); {call}(writer, v{i}); }} else writer.WriteNull({name});");
            }
            else
            {
                w.Line($"writer.WritePropertyName({name});");
                w.Line($"{call}(writer, {access});");
            }
            return;
        }
        if (member.IsNullable)
        {
            w.Line($"if ({access} is {{ }} v{i}) {WriteCall(member.Kind, member.EnumIndex, scope.MemberField(i), name, "v" + i)} else writer.WriteNull({name});");
        }
        else
        {
            w.Line(WriteCall(member.Kind, member.EnumIndex, scope.MemberField(i), name, access));
        }
    }

    private static void EmitItemsWriter(SourceWriter w, TopicScope scope, int i, TopicElementModel element)
    {
        w.Line();
        w.Open($"private static void WriteItems{scope.ItemsSuffix(i)}(global::System.Text.Json.Utf8JsonWriter writer, {scope.Members[i].TypeName} items)");
        w.Line("writer.WriteStartArray();");
        w.Open("foreach (var item in items)");
        string write = element.Kind == TopicValueKind.Object
            ? $"{TopicScope.WriteObject(element.ObjectIndex)}(writer, {{0}});"
            : WriteCall(element.Kind, element.EnumIndex, scope.MemberField(i), null, "{0}");
        if (element.IsNullable) w.Line($"if (item is {{ }} e) {string.Format(System.Globalization.CultureInfo.InvariantCulture, write, "e")} else writer.WriteNullValue();");
        else w.Line(string.Format(System.Globalization.CultureInfo.InvariantCulture, write, "item"));
        w.Close();
        w.Line("writer.WriteEndArray();");
        w.Close();
    }

    /// <summary>The write of a scalar: with a property name, or as an array value when <paramref name="name"/> is null.</summary>
    private static string WriteCall(TopicValueKind kind, int enumIndex, string info, string? name, string value)
    {
        string prefix = name is null ? "" : name + ", ";
        string suffix = name is null ? "Value" : "";
        return kind switch
        {
            TopicValueKind.Enum => $"writer.WriteString{suffix}({prefix}EnumText{enumIndex.ToString(System.Globalization.CultureInfo.InvariantCulture)}({value}, {info}));",
            TopicValueKind.String or TopicValueKind.Guid or TopicValueKind.DateTime or TopicValueKind.DateTimeOffset => $"writer.WriteString{suffix}({prefix}{value});",
            TopicValueKind.Boolean => $"writer.WriteBoolean{suffix}({prefix}{value});",
            TopicValueKind.SByte or TopicValueKind.Int16 => $"writer.WriteNumber{suffix}({prefix}(int){value});",
            TopicValueKind.Byte or TopicValueKind.UInt16 => $"writer.WriteNumber{suffix}({prefix}(uint){value});",
            _ => $"writer.WriteNumber{suffix}({prefix}{value});",
        };
    }
}
