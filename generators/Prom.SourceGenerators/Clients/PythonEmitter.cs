using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.RegularExpressions;
using Prom.CodeModel.Topics;
using Prom.SourceGenerators.Common;

namespace Prom.SourceGenerators.Clients;

/// <summary>
/// <c>topics.py</c>: one <c>TypedDict</c> per payload version and nested record (the JSON shape itself: what
/// <c>json.loads</c> returns is already the typed value, nothing to convert, so it cannot drift from the wire), members
/// the schema does not require as <c>NotRequired</c>, nullable ones as <c>X | None</c>; enums as a <c>Literal</c> of their
/// wire names (the value <c>json.loads</c> returns is that very <c>str</c>, where a <c>str</c> Enum would be a type the
/// data never has); <c>TOPICS</c> (versions, latest, key member,
/// payload types) and <c>TopicsClient</c>, the gateway client with <c>publish</c>/<c>subscribe</c> overloads per topic
/// version so a type checker rejects a payload of the wrong topic or version.
/// </summary>
internal static class PythonEmitter
{
    private static readonly Regex s_identifier = new("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

    private static readonly HashSet<string> s_keywords = new()
    {
        "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue", "def", "del", "elif",
        "else", "except", "finally", "for", "from", "global", "if", "import", "in", "is", "lambda", "nonlocal", "not", "or",
        "pass", "raise", "return", "try", "while", "with", "yield",
    };

    public static string Emit(ClientDeclarations declarations, string assemblyName)
    {
        var w = new SourceWriter();
        w.Line(ClientFileHeader.ForProject(ClientFileHeader.Python, assemblyName));
        // No "from __future__ import annotations": TypedDict must see NotRequired[...] as an object, not a string, to fill
        // __required_keys__ / __optional_keys__ at run time (Python 3.11). Records are emitted dependencies first instead.
        w.Line("import typing as _t");
        w.Line();
        w.Line("from .client import GatewayClient as _GatewayClient, Handler as _Handler, Subscription as _Subscription, TopicInfo as _TopicInfo");
        foreach (ClientEnum e in declarations.Enums) WriteEnum(w, e);
        // Dependencies first: member types are evaluated when the module loads.
        foreach (ClientRecord r in declarations.RecordsInDependencyOrder()) WriteRecord(w, r);
        WriteTopics(w, declarations);
        WriteClient(w, declarations);
        return w.ToString();
    }

    private static void WriteEnum(SourceWriter w, ClientEnum e)
    {
        w.Line();
        w.Line();
        w.Line($"# C# enum {e.CSharpType}: the wire carries the member's name (typing.get_args({e.Name}) lists them).");
        w.Line($"{e.Name}: _t.TypeAlias = _t.Literal[{string.Join(", ", e.Members.Select(m => Json.Quote(m.WireName)))}]");
    }

    private static void WriteRecord(SourceWriter w, ClientRecord r)
    {
        string doc = r.Topic is { } topic ? $"Topic ``{topic.Name}`` version {topic.Version} (C# ``{r.CSharpType}``)." : $"Nested record (C# ``{r.CSharpType}``).";
        w.Line();
        w.Line();
        bool classSyntax = r.Fields.All(f => s_identifier.IsMatch(f.JsonName) && !s_keywords.Contains(f.JsonName));
        if (!classSyntax)
        {
            // JSON names that are not Python identifiers (or are keywords) need the functional form.
            w.Line($"{r.Name} = _t.TypedDict({Json.Quote(r.Name)}, {{");
            foreach (ClientField f in r.Fields) w.Line($"    {Json.Quote(f.JsonName)}: {FieldType(f)},");
            w.Line("})");
            w.Line($"{r.Name}.__doc__ = {Json.Quote(doc)}");
            return;
        }
        w.Line($"class {r.Name}(_t.TypedDict):");
        w.Line($"    \"\"\"{doc}\"\"\"");
        w.Line();
        if (r.Fields.Count == 0) w.Line("    pass");
        foreach (ClientField f in r.Fields)
        {
            // A TypedDict body may hold only annotations, so the C# side is a comment, not a docstring.
            w.Line($"    {f.JsonName}: {FieldType(f)}  # C# {f.CSharpName}: {f.Type.CSharpType}{(f.Type.Nullable && f.Type.Kind != TopicValueKind.Array ? "?" : "")}{Note(f.Type)}");
        }
    }

    private static string Note(ClientType t) => ClientWireNotes.For(t.Kind == TopicValueKind.Array ? t.Element!.Kind : t.Kind) is { } note ? " — " + note : "";

    private static string FieldType(ClientField f) => f.Required ? Type(f.Type) : $"_t.NotRequired[{Type(f.Type)}]";

    private static string Type(ClientType t)
    {
        string core = t.Kind switch
        {
            TopicValueKind.Array => $"list[{Type(t.Element!)}]",
            TopicValueKind.Enum or TopicValueKind.Object => t.Reference!,
            _ => Scalar(t.Kind),
        };
        return t.Nullable ? core + " | None" : core;
    }

    private static string Scalar(TopicValueKind kind) => kind switch
    {
        TopicValueKind.String or TopicValueKind.Guid or TopicValueKind.DateTime or TopicValueKind.DateTimeOffset => "str",
        TopicValueKind.Boolean => "bool",
        TopicValueKind.Single or TopicValueKind.Double or TopicValueKind.Decimal => "float",
        _ => "int",
    };

    private static void WriteTopics(SourceWriter w, ClientDeclarations declarations)
    {
        w.Line();
        w.Line();
        w.Line("TOPICS: _t.Final[dict[str, _TopicInfo]] = {");
        foreach (ClientTopic topic in declarations.Topics)
        {
            string key = topic.Latest.KeyJsonName is { } k ? Json.Quote(k) : "None";
            string versions = string.Join(", ", topic.Versions.Select(v => v.Version.ToString(CultureInfo.InvariantCulture)));
            if (topic.Versions.Count == 1) versions += ",";
            w.Line($"    {Json.Quote(topic.Name)}: _TopicInfo(versions=({versions}), latest={topic.Latest.Version}, key={key}),");
        }
        w.Line("}");
        w.Line("\"\"\"Per topic: the versions in increasing order, the latest (what ``publish`` sends by default) and the JSON name of the key member.\"\"\"");
    }

    private static void WriteClient(SourceWriter w, ClientDeclarations declarations)
    {
        w.Line();
        w.Line();
        w.Line("class TopicsClient(_GatewayClient):");
        w.Line("    \"\"\"The gateway client typed by this project's topics: one ``publish`` and one ``subscribe`` overload per topic version.\"\"\"");
        w.Line();
        w.Line("    def __init__(self, url: str, token: str, **options: _t.Any) -> None:");
        w.Line("        super().__init__(url, token, TOPICS, **options)");
        var overloads = declarations.Topics.SelectMany(t => t.Versions.Select(v => (Topic: t, Version: v))).ToList();
        WriteMethod(w, overloads,
            (topic, v, version) => $"publish(self, topic: _t.Literal[{Json.Quote(topic.Name)}], payload: {v.Record}, *, version: {version}, key: str | None = None, headers: dict[str, str] | None = None, record_id: str | None = None) -> str",
            "publish(self, topic: str, payload: _t.Any, *, version: int | None = None, key: str | None = None, headers: dict[str, str] | None = None, record_id: str | None = None) -> str",
            "return await self.publish_json(topic, payload, version=version, key=key, headers=headers, record_id=record_id)");
        WriteMethod(w, overloads,
            (topic, v, version) => $"subscribe(self, topic: _t.Literal[{Json.Quote(topic.Name)}], group: str, handler: _Handler[{v.Record}], *, version: {version}, **opts: _t.Any) -> _Subscription",
            "subscribe(self, topic: str, group: str, handler: _t.Any, *, version: int | None = None, **opts: _t.Any) -> _Subscription",
            "return await self.subscribe_json(topic, group, handler, version=version, **opts)");
        w.Line();
        w.Line();
        w.Line("__all__ = [");
        foreach (string name in declarations.Enums.Select(e => e.Name).Concat(declarations.Records.Select(r => r.Name)).Concat(new[] { "TOPICS", "TopicsClient" }))
        {
            w.Line($"    {Json.Quote(name)},");
        }
        w.Line("]");
    }

    // One typed overload per topic version (the latest's version argument defaults), then the untyped implementation.
    // mypy refuses a lone @overload: with one topic version the typed signature is the implementation's.
    private static void WriteMethod(SourceWriter w, List<(ClientTopic Topic, ClientTopicVersion Version)> overloads,
        System.Func<ClientTopic, ClientTopicVersion, string, string> typed, string untyped, string body)
    {
        static string VersionOf(ClientTopic topic, ClientTopicVersion v) =>
            v == topic.Latest ? $"_t.Literal[{v.Version}] = {v.Version}" : $"_t.Literal[{v.Version}]";
        if (overloads.Count == 1)
        {
            w.Line();
            w.Line($"    async def {typed(overloads[0].Topic, overloads[0].Version, VersionOf(overloads[0].Topic, overloads[0].Version))}:");
            w.Line("        " + body);
            return;
        }
        foreach ((ClientTopic topic, ClientTopicVersion v) in overloads)
        {
            w.Line();
            w.Line("    @_t.overload");
            w.Line($"    async def {typed(topic, v, VersionOf(topic, v))}: ...");
        }
        w.Line();
        w.Line($"    async def {untyped}:");
        w.Line("        " + body);
    }
}
