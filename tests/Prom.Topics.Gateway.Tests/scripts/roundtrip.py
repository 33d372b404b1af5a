"""Driven by PythonClientTests: the emitted Python client against a real gateway.

``python3 roundtrip.py <mode> <url> <token> [json]`` prints one JSON line with what happened.
"""
import asyncio
import json
import sys

from fleet_contracts import Delivery, GatewayError, HostReportV1, HostReportV2, TopicsClient


async def main(mode: str, url: str, token: str, arg: str) -> object:
    if mode == "reconnect":
        return await reconnect(url, token, arg)
    async with TopicsClient(url, token, request_timeout=20.0) as client:
        if mode == "publish-v2":
            report: HostReportV2 = json.loads(arg)
            return {"id": await client.publish("fleet.host.report", report)}
        if mode == "publish-v1":
            old: HostReportV1 = json.loads(arg)
            return {"id": await client.publish("fleet.host.report", old, version=1)}
        if mode == "publish-invalid":
            results = []
            for payload in json.loads(arg):
                try:
                    await client.publish("fleet.host.report", payload)
                    results.append({"stored": True})
                except GatewayError as error:
                    results.append({"code": error.code, "field": error.field, "message": error.message, "type": type(error).__name__})
            return results
        if mode in ("subscribe-v2", "subscribe-v1"):
            received: asyncio.Future[object] = asyncio.get_running_loop().create_future()

            async def on_v2(delivery: Delivery[HostReportV2]) -> None:
                if not received.done():
                    received.set_result({"payload": delivery.payload, "headers": delivery.record["headers"], "writtenVersion": delivery.written_version})

            async def on_v1(delivery: Delivery[HostReportV1]) -> None:
                if not received.done():
                    received.set_result({"payload": delivery.payload, "headers": delivery.record["headers"], "writtenVersion": delivery.written_version})

            if mode == "subscribe-v2":
                await client.subscribe("fleet.host.report", arg, on_v2)
            else:
                await client.subscribe("fleet.host.report", arg, on_v1, version=1)
            result = await asyncio.wait_for(received, 30)
            await asyncio.sleep(0.2)  # let the automatic ack go out before the connection closes
            return result
        raise ValueError(f"unknown mode {mode}")


async def reconnect(url: str, token: str, arg: str) -> object:
    """Publishes ``count`` records, one every 100 ms, while the test cuts the connection under it, and consumes them in
    a group of its own; returns the ids the publishes returned, the hosts received (each at least once) and the
    deliveries."""
    spec = json.loads(arg)
    count: int = spec["count"]
    received: set[str] = set()
    deliveries = 0
    all_seen = asyncio.Event()

    async def on_record(delivery: Delivery[HostReportV2]) -> None:
        nonlocal deliveries
        deliveries += 1
        received.add(delivery.payload["host"])
        if len(received) == count:
            all_seen.set()

    async with TopicsClient(url, token, request_timeout=60.0, backoff=0.05, max_backoff=0.5) as client:
        await client.subscribe("fleet.host.report", "reconnect", on_record)
        ids = []
        for i in range(count):
            report: HostReportV2 = {**spec["base"], "host": f"r{i}"}
            ids.append(await client.publish("fleet.host.report", report))
            await asyncio.sleep(0.1)
        try:
            await asyncio.wait_for(all_seen.wait(), 60)
        except asyncio.TimeoutError:
            pass  # the test names what is missing
        await asyncio.sleep(0.2)  # let the last automatic ack go out before the connection closes
        return {"ids": ids, "received": sorted(received), "deliveries": deliveries}


if __name__ == "__main__":
    print(json.dumps(asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4] if len(sys.argv) > 4 else ""))))
