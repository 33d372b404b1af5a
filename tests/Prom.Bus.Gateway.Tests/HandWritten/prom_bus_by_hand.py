"""A Prom.Bus gateway client written by hand from docs/gateway.md alone (not the generated client of docs/clients.md).

Usage: python3 prom_bus_by_hand.py <ws-url> <token> <topic> <group>

AUTH -> SUBSCRIBE -> PUBLISH -> EVENT -> NACK (delay_ms 0) -> EVENT again (attempt 2) -> ACK, plus PING and a second
ACK that must be refused. Prints one JSON line with what it saw; exits 1 with the reason when the server did not do what
the page says.
"""
import asyncio
import json
import sys

import websockets


class Gateway:
    """Replies are matched by corr (they may come in another order); EVENTs carry no corr and go to a queue."""

    def __init__(self, ws):
        self.ws = ws
        self.next_corr = 0
        self.pending = {}
        self.events = asyncio.Queue()

    async def read_loop(self):
        async for raw in self.ws:
            msg = json.loads(raw)
            if msg["op"] == "EVENT":
                await self.events.put(msg)
            elif msg.get("corr") in self.pending:
                self.pending.pop(msg["corr"]).set_result(msg)

    async def call(self, op, **fields):
        self.next_corr += 1
        corr = f"py-{self.next_corr}"
        reply = asyncio.get_running_loop().create_future()
        self.pending[corr] = reply
        await self.ws.send(json.dumps({"op": op, "corr": corr, **fields}))
        return await asyncio.wait_for(reply, 20)

    async def event(self):
        return await asyncio.wait_for(self.events.get(), 20)


def expect(condition, what):
    if not condition:
        print(f"FAILED: {what}", file=sys.stderr)
        sys.exit(1)


async def main(url, token, topic, group):
    async with websockets.connect(url, subprotocols=["prom-bus.v1"]) as ws:
        expect(ws.subprotocol == "prom-bus.v1", f"the server chose subprotocol {ws.subprotocol!r}")
        gw = Gateway(ws)
        reader = asyncio.create_task(gw.read_loop())

        pong = await gw.call("PING")
        expect(pong["op"] == "PONG" and isinstance(pong["ts"], int), f"PING answered {pong}")
        auth = await gw.call("AUTH", token=token)
        expect(auth["op"] == "OK", f"AUTH answered {auth}")
        sub = await gw.call("SUBSCRIBE", topic=topic, group=group,
                            opts={"from": "earliest", "max_inflight": 4, "ack_timeout_ms": 30000})
        expect(sub["op"] == "OK" and sub["member"], f"SUBSCRIBE answered {sub}")

        payload = {"lang": "python", "n": 1, "text": "héllo"}
        pub = await gw.call("PUBLISH", topic=topic, key="py", payload=payload, headers={"x-client": "python"})
        expect(pub["op"] == "OK" and pub["offset"] >= 1, f"PUBLISH answered {pub}")

        first = await gw.event()
        expect(first["topic"] == topic and first["group"] == group, f"EVENT of another subscription {first}")
        expect(first["event"]["id"] == pub["id"], f"EVENT {first['event']['id']} is not the published {pub['id']}")
        expect(first["event"]["payload"] == payload, f"EVENT payload {first['event']['payload']}")
        expect(first["ctx"]["attempt"] == 1 and first["ctx"]["ack_deadline_ms"] > 0, f"EVENT ctx {first['ctx']}")

        nack = await gw.call("NACK", topic=topic, group=group, id=pub["id"], reason="python says: try again", delay_ms=0)
        expect(nack["op"] == "OK" and nack["outcome"] == "released", f"NACK answered {nack}")

        again = await gw.event()
        expect(again["event"]["id"] == pub["id"] and again["ctx"]["attempt"] == 2, f"redelivery {again['ctx']}")
        ack = await gw.call("ACK", topic=topic, group=group, id=pub["id"])
        expect(ack["op"] == "OK" and ack["outcome"] == "settled", f"ACK answered {ack}")
        twice = await gw.call("ACK", topic=topic, group=group, id=pub["id"])
        expect(twice["op"] == "ERR" and twice["code"] == "unknown_delivery", f"second ACK answered {twice}")

        print(json.dumps({"id": pub["id"], "partition": pub["partition"], "offset": pub["offset"],
                          "attempts": [first["ctx"]["attempt"], again["ctx"]["attempt"]],
                          "nack": nack["outcome"], "ack": ack["outcome"], "second_ack": twice["code"]}))
        reader.cancel()


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
