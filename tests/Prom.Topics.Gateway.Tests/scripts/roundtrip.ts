// Driven by TypeScriptClientTests: compiled with the emitted client (tsc --strict) and run with node against a real
// gateway. `node roundtrip.js <mode> <url> <token> [json]` prints one JSON line with what happened.
import { connect, GatewayError, WebSocketFactory } from "./client.js";
import { Health, HostReportV1, HostReportV2 } from "./topics.js";

declare const require: (name: string) => unknown;
declare const process: { argv: string[]; exit(code: number): never; stdout: { write(text: string): void } };

const [mode, url, token, arg] = process.argv.slice(2) as [string, string, string, string | undefined];
// Node.js 20 has no global WebSocket: pass the `ws` package (resolved through NODE_PATH by the test).
const WebSocket = (require("ws") as { WebSocket: WebSocketFactory }).WebSocket;

function print(value: unknown): void {
    process.stdout.write(JSON.stringify(value) + "\n");
}

async function main(): Promise<void> {
    if (mode === "reconnect") return reconnect();
    const client = await connect(url, token, { WebSocket, requestTimeoutMs: 20000 });
    try {
        if (mode === "publish-v1") {
            const report: HostReportV1 = JSON.parse(arg!) as HostReportV1;
            print(await client.publish("fleet.host.report", report, { version: 1 }));
        } else if (mode === "publish-v2") {
            const report: HostReportV2 = JSON.parse(arg!) as HostReportV2;
            print(await client.publish("fleet.host.report", report));
        } else if (mode === "publish-invalid") {
            // Payloads the types would refuse, forced past them as a buggy or untyped caller would send them.
            const bad: unknown[] = JSON.parse(arg!) as unknown[];
            const results: unknown[] = [];
            for (const payload of bad) {
                try {
                    await client.publish("fleet.host.report", payload as HostReportV2);
                    results.push({ stored: true });
                } catch (e) {
                    results.push(e instanceof GatewayError ? { code: e.code, field: e.field ?? null, message: e.message } : { error: String(e) });
                }
            }
            print(results);
        } else if (mode === "subscribe-v2" || mode === "subscribe-v1") {
            const version = mode === "subscribe-v2" ? 2 : 1;
            const received = await new Promise<unknown>((resolve) => {
                const handler = (d: { payload: unknown; record: { headers: Record<string, string> }; writtenVersion: number | null; ack(): void }) => {
                    d.ack();
                    resolve({ payload: d.payload, headers: d.record.headers, writtenVersion: d.writtenVersion });
                };
                if (version === 2) void client.subscribe("fleet.host.report", arg!, handler, { version: 2 });
                else void client.subscribe("fleet.host.report", arg!, handler, { version: 1 });
            });
            print(received);
        } else {
            throw new Error(`unknown mode ${mode}`);
        }
    } finally {
        client.close();
    }
    void Health;
}

/**
 * Publishes `count` records, one every 100 ms, while the test cuts the connection under it, and consumes them in a
 * group of its own. Prints the ids the publishes returned, the hosts received (each at least once), the deliveries and
 * how often the client reported "reconnecting".
 */
async function reconnect(): Promise<void> {
    const { count, base } = JSON.parse(arg!) as { count: number; base: HostReportV2 };
    let reconnecting = 0;
    const client = await connect(url, token, {
        WebSocket, requestTimeoutMs: 60000, backoffMs: 50, maxBackoffMs: 500,
        onStatus: (status) => { if (status === "reconnecting") reconnecting++; },
    });
    try {
        const received = new Set<string>();
        let deliveries = 0;
        let allSeen: () => void = () => {};
        const seen = new Promise<void>((resolve) => { allSeen = resolve; });
        await client.subscribe("fleet.host.report", "reconnect", (d: { payload: HostReportV2; ack(): void }) => {
            d.ack();
            deliveries++;
            received.add(d.payload.host);
            if (received.size === count) allSeen();
        }, { version: 2 });
        const ids: string[] = [];
        for (let i = 0; i < count; i++) {
            ids.push((await client.publish("fleet.host.report", { ...base, host: `r${i}` })).id);
            await new Promise((resolve) => setTimeout(resolve, 100));
        }
        await Promise.race([seen, new Promise((resolve) => setTimeout(resolve, 60000))]);
        print({ ids, received: [...received], deliveries, reconnecting });
    } finally {
        client.close();
    }
}

main().then(() => process.exit(0), (e: unknown) => {
    print({ fatal: String(e) });
    process.exit(1);
});
