using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// <c>topics.ts</c>: one interface per payload version and nested record (JSON member names, <c>?</c> for members the
/// schema does not require, <c>| null</c> for nullable ones), enums as an exported string union of their wire names (what
/// the C# codec writes) plus a <c>const</c> object of the same name (<c>Health.Ok</c>, and its values at run time), the
/// <c>Topics</c> map (topic → version → type) and
/// <c>TopicInfo</c> (versions, latest, key member) that the static <c>client.ts</c> is typed by.
/// </summary>
internal static class TypeScriptEmitter
{
    private static readonly Regex s_identifier = new("^[A-Za-z_$][A-Za-z0-9_$]*$", RegexOptions.CultureInvariant);

    public static string Emit(ClientDeclarations declarations, string assemblyName)
    {
        var w = new SourceWriter();
        w.Line(ClientFileHeader.ForProject(ClientFileHeader.TypeScript, assemblyName));
        w.Line("/* eslint-disable */");
        foreach (ClientEnum e in declarations.Enums) WriteEnum(w, e);
        foreach (ClientRecord r in declarations.Records) WriteRecord(w, r);

        w.Line();
        w.Line("/** Every topic: name → schema version → payload type, and the latest version (what `publish` sends by default). */");
        w.Line("export interface Topics {");
        foreach (ClientTopic topic in declarations.Topics)
        {
            w.Line($"    {Json.Quote(topic.Name)}: {{ latest: {topic.Latest.Version}; versions: {{ {string.Join(" ", topic.Versions.Select(v => $"{v.Version}: {v.Record};"))} }} }};");
        }
        w.Line("}");
        w.Line();
        w.Line("/** Per topic at run time: the versions in increasing order, the latest, and the JSON name of the key member (or null). */");
        w.Line("export const TopicInfo: { readonly [T in keyof Topics]: { readonly versions: readonly number[]; readonly latest: Topics[T][\"latest\"]; readonly key: string | null } } = {");
        foreach (ClientTopic topic in declarations.Topics)
        {
            string key = topic.Latest.KeyJsonName is { } k ? Json.Quote(k) : "null";
            w.Line($"    {Json.Quote(topic.Name)}: {{ versions: [{string.Join(", ", topic.Versions.Select(v => v.Version.ToString(CultureInfo.InvariantCulture)))}], latest: {topic.Latest.Version}, key: {key} }},");
        }
        w.Line("};");
        w.Line();
        w.Line("/** A declared topic name. */");
        w.Line("export type TopicName = keyof Topics;");
        w.Line("/** The schema versions of a topic. */");
        w.Line("export type TopicVersion<T extends TopicName> = keyof Topics[T][\"versions\"] & number;");
        w.Line("/** The payload type of a topic version (the latest by default). */");
        w.Line("export type Payload<T extends TopicName, V = Topics[T][\"latest\"]> = V extends keyof Topics[T][\"versions\"] ? Topics[T][\"versions\"][V] : never;");
        return w.ToString();
    }

    private static void WriteEnum(SourceWriter w, ClientEnum e)
    {
        w.Line();
        w.Line($"/** C# enum `{e.CSharpType}`: the wire carries the member's name. */");
        w.Line($"export type {e.Name} = {string.Join(" | ", e.Members.Select(m => Json.Quote(m.WireName)))};");
        w.Line($"/** The members of `{e.Name}` by C# name, for `{e.Name}.{e.Members[0].Name}` and a run-time list (`Object.values({e.Name})`). */");
        w.Line($"export const {e.Name} = {{ {string.Join(", ", e.Members.Select(m => $"{Key(m.Name)}: {Json.Quote(m.WireName)}"))} }} as const satisfies Record<string, {e.Name}>;");
    }

    private static void WriteRecord(SourceWriter w, ClientRecord r)
    {
        w.Line();
        w.Line(r.Topic is { } topic
            ? $"/** Topic `{topic.Name}` version {topic.Version} (C# `{r.CSharpType}`). */"
            : $"/** Nested record (C# `{r.CSharpType}`). */");
        w.Line($"export interface {r.Name} {{");
        foreach (ClientField f in r.Fields)
        {
            w.Line($"    /** C# `{f.CSharpName}`: `{f.Type.CSharpType}{(f.Type.Nullable && f.Type.Kind != TopicValueKind.Array ? "?" : "")}`{Note(f.Type)} */");
            string name = s_identifier.IsMatch(f.JsonName) ? f.JsonName : Json.Quote(f.JsonName);
            w.Line($"    {name}{(f.Required ? "" : "?")}: {Type(f.Type)};");
        }
        w.Line("}");
    }

    private static string Key(string name) => s_identifier.IsMatch(name) ? name : Json.Quote(name);

    private static string Note(ClientType t) => ClientWireNotes.For(t.Kind == TopicValueKind.Array ? t.Element!.Kind : t.Kind) is { } note ? " — " + note : "";

    private static string Type(ClientType t)
    {
        string core = t.Kind switch
        {
            TopicValueKind.Array => Element(t.Element!) + "[]",
            TopicValueKind.Enum or TopicValueKind.Object => t.Reference!,
            _ => Scalar(t.Kind),
        };
        return t.Nullable ? core + " | null" : core;
    }

    private static string Element(ClientType e) => e.Nullable ? $"({Type(e)})" : Type(e);

    private static string Scalar(TopicValueKind kind) => kind switch
    {
        TopicValueKind.String or TopicValueKind.Guid or TopicValueKind.DateTime or TopicValueKind.DateTimeOffset => "string",
        TopicValueKind.Boolean => "boolean",
        _ => "number",
    };
}
