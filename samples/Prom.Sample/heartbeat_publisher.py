"""The sample's Python agent: publishes heartbeats to the bus gateway over WebSocket with the generated client.

``prom_sample`` is the Python package the build emits from the sample's [Topic] declarations (PromClientsOutputPath,
docs/clients.md): typed payloads (TypedDict) and a gateway client. Dependencies: the standard library and websockets.

Usage: python3 heartbeat_publisher.py <ws-url> <token> <count>
"""
import asyncio
import os
import sys

from prom_sample import HeartbeatV2, TopicsClient


async def main(url: str, token: str, count: int) -> None:
    async with TopicsClient(url, token) as client:
        for beat in range(count):
            heartbeat: HeartbeatV2 = {
                "pid": os.getpid(), "name": "py-agent", "host": "python-child",
                "cpu_pct": 5.0 + beat % 3, "mem_mib": 64 + beat,
            }
            await client.publish("heartbeat.received", heartbeat)  # returns after the gateway stored it durably
    print(f"published {count} heartbeats", flush=True)


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1], sys.argv[2], int(sys.argv[3])))
