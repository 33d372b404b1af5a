using System.Globalization;
using System.Linq;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

/// <summary>
/// Emits the helpers of each enum a payload uses (<see cref="TopicModel.Enums"/>): the pre-encoded wire names, a
/// defined-member test, the name of a value (undefined values throw naming the member: they have no name on the
/// wire) and the reader. The reader matches the UTF-8 name; a JSON number is read only as a record stored before
/// enums went on the wire by name, and only when it is the value of a member (docs/topics.md, "Enums on the wire").
/// </summary>
internal static class TopicEnumEmitter
{
    public static void Emit(SourceWriter w, TopicModel model)
    {
        for (int e = 0; e < model.Enums.Count; e++)
        {
            TopicEnumModel en = model.Enums[e];
            string type = en.FullyQualifiedName;
            string index = e.ToString(CultureInfo.InvariantCulture);
            w.Line();
            w.Line($"/// <summary>The wire names of <see cref=\"{type}\"/>, for error messages.</summary>");
            w.Line($"private const string Enum{index}Names = {Json.CSharpLiteral(string.Join(", ", en.Members.Select(m => "'" + m.WireName + "'")))};");
            for (int m = 0; m < en.Members.Count; m++)
            {
                w.Line($"private static readonly global::System.Text.Json.JsonEncodedText {Text(e, m)} = global::System.Text.Json.JsonEncodedText.Encode({Json.CSharpLiteral(en.Members[m].WireName)});");
            }

            w.Line();
            w.Line($"private static bool IsEnum{index}({type} value) => value is {string.Join(" or ", en.Members.Select(m => Member(en, m)))};");

            w.Line();
            w.Open($"private static global::System.Text.Json.JsonEncodedText EnumText{index}({type} value, global::Prom.Topics.TopicMemberInfo member) => value switch");
            for (int m = 0; m < en.Members.Count; m++) w.Line($"{Member(en, en.Members[m])} => {Text(e, m)},");
            w.Line($"_ => throw member.NotEnumMember(value.ToString(), {Json.CSharpLiteral(en.TypeName)}),");
            w.Close(";");

            w.Line();
            w.Open($"private static {type} ReadEnum{index}(ref global::System.Text.Json.Utf8JsonReader reader, global::Prom.Topics.TopicMemberInfo member)");
            w.Open("if (reader.TokenType == global::System.Text.Json.JsonTokenType.String)");
            foreach (TopicEnumMember member in en.Members)
            {
                w.Line($"if (reader.ValueTextEquals({Json.CSharpLiteral(member.WireName)}u8)) return {Member(en, member)};");
            }
            w.Line($"throw member.Unexpected(reader, \"one of \" + Enum{index}Names);");
            w.Close();
            w.Line($"global::Prom.Topics.TopicJson.ExpectLegacyEnumNumber(reader, member, Enum{index}Names);");
            w.Line($"var number = ({type})global::Prom.Topics.TopicJson.{TopicKinds.ReadHelper(en.Underlying)}(ref reader, member);");
            w.Line($"return IsEnum{index}(number) ? number : throw member.NotEnumMember(number.ToString(), {Json.CSharpLiteral(en.TypeName)});");
            w.Close();
        }
    }

    /// <summary>The name of a value as a string (the key of a record keyed by an enum member).</summary>
    public static string NameOf(int enumIndex, string value, string member) =>
        $"EnumText{enumIndex.ToString(CultureInfo.InvariantCulture)}({value}, {member}).Value";

    private static string Text(int e, int m) => $"s_enum{e.ToString(CultureInfo.InvariantCulture)}_{m.ToString(CultureInfo.InvariantCulture)}";

    private static string Member(TopicEnumModel en, TopicEnumMember member) => $"{en.FullyQualifiedName}.{TopicKinds.Identifier(member.Name)}";
}
