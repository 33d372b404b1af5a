// Compiled with the emitted Fleet client by TypeScriptToolchainTests (tsc --strict --noEmit): each line marked with a
// ts-expect-error directive must be an error, so the emitted types provably reject these payloads.
import { connect, GatewayClient, Delivery } from "./client.js";
import { Health, HostReportV1, HostReportV2, Topics, TopicInfo } from "./topics.js";
import { isValidTopicName, Headers } from "./protocol.js";

const v1: HostReportV1 = {
    host: "web-1", cpus: 4, cpu_pct: 12.5, mem_mb: 2048, health: "Ok", disks: [{ mount: "/", used_pct: 40 }],
    top: { pid: 1, name: "init", args: ["--x", null], health: Health.Degraded }, boot_id: "0190f0a0-0000-7000-8000-000000000000", at: "2026-12-01T00:00:00+00:00",
};

export async function usage(client: GatewayClient): Promise<void> {
    await client.publish("fleet.host.report", v1, { version: 1 });
    const v2: HostReportV2 = { ...v1, mem_mib: 1953, zone: null, ports: [80] };
    await client.publish("fleet.host.report", v2);
    await client.publish("fleet.alert", { host: "web-1", from: "ops", "alert-level": Health.Down, history: [null, Health.Ok] });

    // @ts-expect-error a v1 payload is not the latest (v2) version
    await client.publish("fleet.host.report", v1);
    // @ts-expect-error version 3 does not exist
    await client.publish("fleet.host.report", v2, { version: 3 });
    // @ts-expect-error an unknown topic
    await client.publish("fleet.unknown", v2);
    // @ts-expect-error a missing required member
    await client.publish("fleet.alert", { host: "web-1", "alert-level": Health.Down, history: [] });
    // @ts-expect-error an enum name that is not a member
    await client.publish("fleet.alert", { host: "web-1", from: "ops", "alert-level": "Sick", history: [] });
    // @ts-expect-error an enum goes on the wire as its name, not its number
    await client.publish("fleet.alert", { host: "web-1", from: "ops", "alert-level": 1, history: [] });
    // @ts-expect-error the names are the C# member names, case included
    await client.publish("fleet.alert", { host: "web-1", from: "ops", "alert-level": "ok", history: [] });

    await client.subscribe("fleet.host.report", "ops", (d: Delivery<HostReportV2>) => {
        const mib: number = d.payload.mem_mib;
        const zone: string | null | undefined = d.payload.zone;
        void mib, zone;
        d.ack();
    });
    await client.subscribe("fleet.host.report", "legacy", (d) => {
        const mb: number = d.payload.mem_mb;
        void mb;
        d.nack("later", 1000);
    }, { version: 1 });
    // @ts-expect-error a v2 handler reads mem_mib, which v1 records do not have
    await client.subscribe("fleet.host.report", "wrong", (d: Delivery<HostReportV2>) => d.ack(), { version: 1 });

    const health: Health = Health.Degraded;
    const allHealth: Health[] = Object.values(Health);
    void health, allHealth;
    const latest: 2 = TopicInfo["fleet.host.report"].latest;
    const names: (keyof Topics)[] = ["fleet.alert", "fleet.host.report"];
    void latest, names, isValidTopicName("a.b"), Headers.UpcastedFrom, connect;
}
