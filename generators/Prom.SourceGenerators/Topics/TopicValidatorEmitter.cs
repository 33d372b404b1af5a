using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits <c>Validate(T)</c>: required reference members must not be null and floating-point members must be finite
/// (JSON cannot carry NaN or infinities), enums must hold a defined member (only members have a name on the wire),
/// nested objects are validated with their own rules, and collection elements
/// must not be null (unless declared nullable) or non-finite; the exception names the member (and the index).
/// </summary>
internal static class TopicValidatorEmitter
{
    public static void Emit(SourceWriter w, TopicModel model)
    {
        foreach (TopicScope scope in TopicScope.All(model))
        {
            if (scope.IsPayload)
            {
                w.Line("/// <summary>Checks <paramref name=\"value\"/> against the schema.</summary>");
                w.Line("/// <exception cref=\"global::Prom.Topics.TopicPayloadException\">A member is invalid; the exception names it.</exception>");
                w.Open($"public static void Validate({scope.TypeFqn} value)");
                if (!scope.IsValueType) w.Line("global::System.ArgumentNullException.ThrowIfNull(value);");
            }
            else
            {
                w.Line();
                w.Open($"private static void {TopicScope.ValidateObject(scope.ObjectIndex)}({scope.TypeFqn} value)");
            }
            for (int i = 0; i < scope.Members.Count; i++) EmitMember(w, scope, i);
            w.Close();

            for (int i = 0; i < scope.Members.Count; i++)
            {
                if (scope.Members[i].Element is { } element && NeedsCheck(element)) EmitItemsValidator(w, scope, i, element);
            }
        }
    }

    private static void EmitMember(SourceWriter w, TopicScope scope, int i)
    {
        TopicMemberModel member = scope.Members[i];
        string access = "value." + TopicKinds.Identifier(member.Name);
        string info = scope.MemberField(i);
        switch (member.Kind)
        {
            case TopicValueKind.String when !member.IsNullable:
                w.Line($"if ({access} is null) throw {info}.Null();");
                break;
            case TopicValueKind.Single or TopicValueKind.Double:
                if (member.IsNullable) w.Line($"if ({access} is {{ }} f{i} && !{member.TypeName}.IsFinite(f{i})) throw {info}.NotFinite(f{i});");
                else w.Line($"if (!{member.TypeName}.IsFinite({access})) throw {info}.NotFinite({access});");
                break;
            case TopicValueKind.SafeInt64 or TopicValueKind.SafeUInt64:
                if (member.IsNullable) w.Line($"if ({access} is {{ }} s{i}) global::Prom.Topics.TopicJson.CheckSafeInteger(s{i}, {info});");
                else w.Line($"global::Prom.Topics.TopicJson.CheckSafeInteger({access}, {info});");
                break;
            case TopicValueKind.Enum:
                string isEnum = "IsEnum" + member.EnumIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
                if (member.IsNullable) w.Line($"if ({access} is {{ }} e{i} && !{isEnum}(e{i})) throw {info}.NotEnumMember(e{i}.ToString(), {Json.CSharpLiteral(scope.EnumTypeName(member.EnumIndex))});");
                else w.Line($"if (!{isEnum}({access})) throw {info}.NotEnumMember({access}.ToString(), {Json.CSharpLiteral(scope.EnumTypeName(member.EnumIndex))});");
                break;
            case TopicValueKind.Object:
                if (member.IsNullable) w.Line($"if ({access} is {{ }} o{i}) {TopicScope.ValidateObject(member.ObjectIndex)}(o{i});");
                else
                {
                    if (!scope.IsStructObject(member.ObjectIndex)) w.Line($"if ({access} is null) throw {info}.Null();");
                    w.Line($"{TopicScope.ValidateObject(member.ObjectIndex)}({access});");
                }
                break;
            case TopicValueKind.Array:
                bool check = NeedsCheck(member.Element!);
                string validate = $"ValidateItems{scope.ItemsSuffix(i)}";
                if (member.IsNullable)
                {
                    if (check) w.Line($"if ({access} is {{ }} a{i}) {validate}(a{i}, {info});");
                }
                else
                {
                    w.Line($"if ({access} is null) throw {info}.Null();");
                    if (check) w.Line($"{validate}({access}, {info});");
                }
                break;
        }
    }

    private static bool NeedsCheck(TopicElementModel element) =>
        element.Kind is TopicValueKind.Single or TopicValueKind.Double or TopicValueKind.Object or TopicValueKind.Enum or TopicValueKind.SafeInt64 or TopicValueKind.SafeUInt64 ||
        (element.Kind == TopicValueKind.String && !element.IsNullable);

    private static void EmitItemsValidator(SourceWriter w, TopicScope scope, int i, TopicElementModel element)
    {
        w.Line();
        w.Open($"private static void ValidateItems{scope.ItemsSuffix(i)}({scope.Members[i].TypeName} items, global::Prom.Topics.TopicMemberInfo member)");
        w.Line("int index = 0;");
        w.Open("foreach (var item in items)");
        bool referenceElement = element.Kind == TopicValueKind.String || (element.Kind == TopicValueKind.Object && !scope.IsStructObject(element.ObjectIndex));
        if (!element.IsNullable && referenceElement)
        {
            w.Line("if (item is null) throw member.Fail($\"has null at index {index}\");");
        }
        switch (element.Kind)
        {
            case TopicValueKind.Single or TopicValueKind.Double:
                string value = element.IsNullable ? "f" : "item";
                string test = element.IsNullable ? $"item is {{ }} f && !{element.TypeName}.IsFinite(f)" : $"!{element.TypeName}.IsFinite(item)";
                w.Line($"if ({test}) throw member.Fail($\"has {{{value}}} at index {{index}}, which JSON cannot carry; use finite numbers\");");
                break;
            case TopicValueKind.SafeInt64 or TopicValueKind.SafeUInt64:
                w.Line(element.IsNullable ? "if (item is { } s) global::Prom.Topics.TopicJson.CheckSafeInteger(s, member);" : "global::Prom.Topics.TopicJson.CheckSafeInteger(item, member);");
                break;
            case TopicValueKind.Enum:
                string isEnum = "IsEnum" + element.EnumIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
                string enumName = scope.EnumTypeName(element.EnumIndex); // an identifier: safe inside the interpolated text
                w.Line(element.IsNullable
                    ? $"if (item is {{ }} e && !{isEnum}(e)) throw member.Fail($\"has {{e}} at index {{index}}, which is not a defined member of {enumName}, so it has no name on the wire\");"
                    : $"if (!{isEnum}(item)) throw member.Fail($\"has {{item}} at index {{index}}, which is not a defined member of {enumName}, so it has no name on the wire\");");
                break;
            case TopicValueKind.Object:
                w.Line(element.IsNullable ? $"if (item is {{ }} o) {TopicScope.ValidateObject(element.ObjectIndex)}(o);" : $"{TopicScope.ValidateObject(element.ObjectIndex)}(item);");
                break;
        }
        w.Line("index++;");
        w.Close();
        w.Close();
    }
}
