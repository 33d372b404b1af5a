using System.Globalization;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Topics;

public sealed partial class TopicGenerator
{
    /// <summary>Model → text: the <c>&lt;Type&gt;Topic</c> class; each member family has its own emitter.</summary>
    internal static class Emitter
    {
        public static string Emit(TopicModel model)
        {
            var w = new SourceWriter();
            GeneratedFile.Begin(w, model.Namespace);

            string type = model.FullyQualifiedName;
            string access = model.IsPublic ? "public" : "internal";
            w.Line($"/// <summary>Topic <c>{Xml(model.TopicName)}</c> version {model.Version.ToString(CultureInfo.InvariantCulture)}: generated from <see cref=\"{type}\"/>.</summary>");
            w.Line(GeneratedFile.GeneratedCodeAttribute);
            w.Open($"{access} static partial class {model.GeneratedClassName}");
            EmitDescriptor(w, model);
            w.Line();
            EmitEntryPoints(w, model);
            w.Line();
            EmitVersionReading(w, model);
            w.Line();
            TopicValidatorEmitter.Emit(w, model);
            w.Line();
            TopicWriterEmitter.Emit(w, model);
            w.Line();
            TopicReaderEmitter.Emit(w, model);
            TopicEnumEmitter.Emit(w, model);
            w.Line();
            EmitKeyOf(w, model);
            w.Line();
            EmitMemberFields(w, model);
            w.Line();
            EmitCodec(w, model);
            w.Close();
            GeneratedFile.CloseNamespace(w, model.Namespace);
            return w.ToString();
        }

        private static void EmitDescriptor(SourceWriter w, TopicModel model)
        {
            string key = model.KeyMember is { } k ? Json.CSharpLiteral(k) : "null";
            w.Line("/// <summary>The topic name.</summary>");
            w.Line($"public const string Name = {Json.CSharpLiteral(model.TopicName)};");
            w.Line("/// <summary>The schema version, stamped on published records as <c>x-schema-version</c>.</summary>");
            w.Line($"public const int Version = {model.Version.ToString(CultureInfo.InvariantCulture)};");
            w.Line("/// <summary>The payload's JSON schema (draft 2020-12).</summary>");
            w.Line($"public const string JsonSchema = {Json.CSharpLiteral(TopicSchemaEmitter.Emit(model))};");
            w.Line("/// <summary>Name, version, compatibility, partitions, retention, compaction and key member.</summary>");
            w.Line($"public static global::Prom.Topics.TopicDescriptor Descriptor {{ get; }} = new(Name, Version, global::Prom.Compatibility.{model.Compatibility}, " +
                $"{model.Partitions.ToString(CultureInfo.InvariantCulture)}, {model.RetentionDays.ToString(CultureInfo.InvariantCulture)}, " +
                $"{(model.Compaction ? "true" : "false")}, {key}, typeof({model.FullyQualifiedName}), JsonSchema);");
            w.Line("/// <summary>The generated codec as the runtime's contract.</summary>");
            w.Line($"public static global::Prom.Topics.ITopicCodec<{model.FullyQualifiedName}> Codec {{ get; }} = new CodecImpl();");
        }

        private static void EmitEntryPoints(SourceWriter w, TopicModel model)
        {
            string type = model.FullyQualifiedName;
            w.Line("/// <summary>A typed client of this topic version over <paramref name=\"bus\"/>.</summary>");
            w.Line($"public static global::Prom.Topics.TopicClient<{type}> CreateClient(global::Prom.Bus.IBusClient bus) => new(bus, Codec);");
            w.Line("/// <summary>A typed client whose publishes are checked against <paramref name=\"registry\"/> (this version must be registered there).</summary>");
            w.Line($"public static global::Prom.Topics.TopicClient<{type}> CreateClient(global::Prom.Bus.IBusClient bus, global::Prom.Topics.Registry.TopicSchemaRegistry registry) => new(bus, Codec, registry);");
            w.Line("/// <summary>Validates and serializes <paramref name=\"value\"/> to UTF-8 JSON.</summary>");
            w.Line($"public static byte[] Serialize({type} value) => global::Prom.Topics.TopicJson.Serialize(Codec, value);");
            w.Line("/// <summary>Reads UTF-8 JSON; throws <see cref=\"global::Prom.Topics.TopicPayloadException\"/> naming the member on bad input.</summary>");
            w.Line($"public static {type} Deserialize(global::System.ReadOnlySpan<byte> utf8Json) => global::Prom.Topics.TopicJson.Deserialize(Codec, utf8Json);");
        }

        /// <summary>
        /// <c>ReadVersion</c> / <c>ReadableVersions</c>: this version directly; other versions through two partial
        /// hooks that the cross-version output (<see cref="TopicReadsEmitter"/>) implements when an upcaster chain or a
        /// compatible hop exists. Without an implementation the compiler drops the calls, so a lone version costs nothing.
        /// </summary>
        private static void EmitVersionReading(SourceWriter w, TopicModel model)
        {
            string type = model.FullyQualifiedName;
            w.Line("/// <summary>The schema versions <see cref=\"ReadVersion\"/> reads, ascending: this one, older ones the upcaster chain reaches, forward-compatible newer ones.</summary>");
            w.Line("public static global::System.Collections.Generic.IReadOnlyList<int> ReadableVersions { get; } = CollectReadableVersions();");
            w.Line("/// <summary>Reads a payload written with schema version <paramref name=\"version\"/> of this topic as this version (older versions upcast hop by hop).</summary>");
            w.Line("/// <exception cref=\"global::Prom.Topics.TopicPayloadException\">The version is not readable, or the JSON breaks that version's schema.</exception>");
            w.Open($"public static {type} ReadVersion(int version, global::System.ReadOnlySpan<byte> utf8Json)");
            w.Line("if (version == Version) return Deserialize(utf8Json);");
            w.Line($"{type} result = default!;");
            w.Line("bool handled = false;");
            w.Line("ReadOtherVersion(version, utf8Json, ref result, ref handled);");
            w.Line("if (!handled) throw global::Prom.Topics.TopicJson.UnreadableVersion(Descriptor, version, ReadableVersions);");
            w.Line("return result;");
            w.Close();
            w.Line();
            w.Open("private static int[] CollectReadableVersions()");
            w.Line("var versions = new global::System.Collections.Generic.List<int> { Version };");
            w.Line("AddReadableVersions(versions);");
            w.Line("versions.Sort();");
            w.Line("return versions.ToArray();");
            w.Close();
            w.Line();
            w.Line("static partial void AddReadableVersions(global::System.Collections.Generic.List<int> versions);");
            w.Line($"static partial void ReadOtherVersion(int version, global::System.ReadOnlySpan<byte> utf8Json, ref {type} result, ref bool handled);");
        }

        private static void EmitKeyOf(SourceWriter w, TopicModel model)
        {
            w.Line("/// <summary>The partitioning key from the declared key member, or null.</summary>");
            TopicMemberModel? key = null;
            string info = "";
            for (int i = 0; i < model.Members.Count; i++)
            {
                if (model.Members[i].Name != model.KeyMember) continue;
                key = model.Members[i];
                info = TopicScope.Payload(model).MemberField(i);
            }
            if (key is null)
            {
                w.Line($"public static string? KeyOf({model.FullyQualifiedName} value) => null;");
                return;
            }
            string access = "value." + TopicKinds.Identifier(key.Name);
            w.Line(key.IsNullable && key.Kind != TopicValueKind.String
                ? $"public static string? KeyOf({model.FullyQualifiedName} value) => {access} is {{ }} key ? {Format(key, "key", info)} : null;"
                : $"public static string? KeyOf({model.FullyQualifiedName} value) => {Format(key, access, info)};");
        }

        // An enum key is its wire name, as the TypeScript and Python clients see the member's value.
        private static string Format(TopicMemberModel member, string value, string info) => member.Kind switch
        {
            TopicValueKind.String => value,
            TopicValueKind.Boolean => $"({value} ? \"true\" : \"false\")",
            TopicValueKind.Enum => TopicEnumEmitter.NameOf(member.EnumIndex, value, info),
            TopicValueKind.DateTime or TopicValueKind.DateTimeOffset => $"{value}.ToString(\"O\", global::System.Globalization.CultureInfo.InvariantCulture)",
            _ => $"{value}.ToString(null, global::System.Globalization.CultureInfo.InvariantCulture)",
        };

        private static void EmitMemberFields(SourceWriter w, TopicModel model)
        {
            foreach (TopicScope scope in TopicScope.All(model))
            {
                for (int i = 0; i < scope.Members.Count; i++)
                {
                    TopicMemberModel member = scope.Members[i];
                    w.Line($"private static readonly global::System.Text.Json.JsonEncodedText {scope.JsonField(i)} = global::System.Text.Json.JsonEncodedText.Encode({Json.CSharpLiteral(member.JsonName)});");
                    w.Line($"private static readonly global::Prom.Topics.TopicMemberInfo {scope.MemberField(i)} = new(Name, {Json.CSharpLiteral(scope.TypeName)}, {Json.CSharpLiteral(member.Name)}, {Json.CSharpLiteral(member.JsonName)});");
                }
            }
        }

        private static void EmitCodec(SourceWriter w, TopicModel model)
        {
            string type = model.FullyQualifiedName;
            w.Open($"private sealed class CodecImpl : global::Prom.Topics.ITopicCodec<{type}>");
            w.Line("public global::Prom.Topics.TopicDescriptor Descriptor => " + model.GeneratedClassName + ".Descriptor;");
            w.Line($"public void Validate({type} value) => {model.GeneratedClassName}.Validate(value);");
            w.Line($"public void Write(global::System.Text.Json.Utf8JsonWriter writer, {type} value) => {model.GeneratedClassName}.Write(writer, value);");
            w.Line($"public {type} Read(ref global::System.Text.Json.Utf8JsonReader reader) => {model.GeneratedClassName}.Read(ref reader);");
            w.Line($"public string? KeyOf({type} value) => {model.GeneratedClassName}.KeyOf(value);");
            w.Line($"public global::System.Collections.Generic.IReadOnlyList<int> ReadableVersions => {model.GeneratedClassName}.ReadableVersions;");
            w.Line($"public {type} ReadVersion(int version, global::System.ReadOnlySpan<byte> utf8Json) => {model.GeneratedClassName}.ReadVersion(version, utf8Json);");
            w.Close();
        }

        private static string Xml(string text) => text.Replace("&", "&amp;").Replace("<", "&lt;").Replace(">", "&gt;");
    }
}
