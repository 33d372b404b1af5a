using System.Text.Json.Nodes;

namespace Prom.Topics.Gateway.Tests;

/// <summary>The payloads the cross-language tests send, as the JSON every client puts on the wire.</summary>
internal static class FleetSamples
{
    public const string V1 = """
        {"host":"web-1","cpus":8,"cpu_pct":12.5,"mem_mb":2048,"health":"Ok",
         "disks":[{"mount":"/","used_pct":40.5,"free_mb":1024},{"mount":"/data","used_pct":90.25}],
         "top":{"pid":7,"name":"nginx","args":["-g",null],"health":"Degraded"},
         "boot_id":"0190f0a0-1111-7000-8000-000000000001","at":"2026-12-01T12:00:00+00:00"}
        """;

    public const string V2 = """
        {"host":"db-2","cpus":4,"cpu_pct":99.75,"mem_mib":512,"health":"Down","disks":[],"top":null,
         "boot_id":"0190f0a0-2222-7000-8000-000000000002","at":"2026-12-01T13:30:00+01:00","zone":"eu-1","ports":[5432,8080]}
        """;

    /// <summary>v1's memory in MiB, as the Fleet upcaster computes it: 2048 MB · 10^6 / 2^20, rounded down.</summary>
    public const long V1MemMib = 2048L * 1_000_000 / 1_048_576;

    /// <summary>Invalid v2 payloads and the field the gateway must name for each.</summary>
    public static readonly (string Json, string Field)[] Invalid =
    {
        (Without(V2, "mem_mib"), "payload.mem_mib"),
        (With(V2, "cpus", JsonValue.Create("eight")), "payload.cpus"),
        (With(V2, "mem_mib", JsonValue.Create(1.5)), "payload.mem_mib"),
        (With(V2, "mem_mib", JsonValue.Create(9007199254740992L)), "payload.mem_mib"), // 2^53: beyond [SafeInteger]
        (With(V2, "health", null), "payload.health"),
        (With(V2, "health", JsonValue.Create("Sick")), "payload.health"), // not a member of Health
        (With(V2, "health", JsonValue.Create("ok")), "payload.health"),   // names are case-sensitive
        (With(V2, "health", JsonValue.Create(1)), "payload.health"),      // numbers only in records stored before names
        (With(V2, "top", JsonNode.Parse("""{"pid":7,"name":"x","args":[],"health":"Sick"}""")), "payload.health"),
        (With(V2, "disks", JsonNode.Parse("""[{"used_pct":1.0}]""")), "payload.mount"),
        (With(V2, "ports", JsonNode.Parse("""[1,"x"]""")), "payload.ports"),
    };

    private static string Without(string json, string member)
    {
        JsonObject o = JsonNode.Parse(json)!.AsObject();
        o.Remove(member);
        return o.ToJsonString();
    }

    private static string With(string json, string member, JsonNode? value)
    {
        JsonObject o = JsonNode.Parse(json)!.AsObject();
        o[member] = value;
        return o.ToJsonString();
    }
}
