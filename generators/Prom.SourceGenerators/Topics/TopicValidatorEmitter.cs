using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits <c>Validate(T)</c>: required reference members must not be null and floating-point members must be finite
/// (JSON cannot carry NaN or infinities); the exception names the member.
/// </summary>
internal static class TopicValidatorEmitter
{
    public static void Emit(SourceWriter w, TopicModel model)
    {
        w.Line("/// <summary>Checks <paramref name=\"value\"/> against the schema.</summary>");
        w.Line("/// <exception cref=\"global::Prom.Topics.TopicPayloadException\">A member is invalid; the exception names it.</exception>");
        w.Open($"public static void Validate({model.FullyQualifiedName} value)");
        if (!model.IsValueType) w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
        for (int i = 0; i < model.Members.Count; i++)
        {
            TopicMemberModel member = model.Members[i];
            string access = "value." + TopicKinds.Identifier(member.Name);
            if (member.Kind == TopicValueKind.String && !member.IsNullable)
            {
                w.Line($"if ({access} is null) throw s_member{i}.Null();");
            }
            else if (member.Kind is TopicValueKind.Single or TopicValueKind.Double)
            {
                if (member.IsNullable) w.Line($"if ({access} is {{ }} f{i} && !{member.TypeName}.IsFinite(f{i})) throw s_member{i}.NotFinite(f{i});");
                else w.Line($"if (!{member.TypeName}.IsFinite({access})) throw s_member{i}.NotFinite({access});");
            }
        }
        w.Close();
    }
}
