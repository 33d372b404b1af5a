# Checked with the emitted Fleet package by PythonToolchainTests (mypy --strict --warn-unused-ignores): every
# "type: ignore[...]" must suppress a real error, so the emitted types provably reject these payloads.
from __future__ import annotations

import typing

from fleet_contracts import Alert, Delivery, Health, HostReportV1, HostReportV2, TopicsClient, is_valid_topic_name

v1: HostReportV1 = {
    "host": "web-1", "cpus": 4, "cpu_pct": 12.5, "mem_mb": 2048, "health": "Ok",
    "disks": [{"mount": "/", "used_pct": 40.0}], "boot_id": "0190f0a0-0000-7000-8000-000000000000", "at": "2026-12-01T00:00:00+00:00",
}
v2: HostReportV2 = {
    "host": "web-1", "cpus": 4, "cpu_pct": 12.5, "mem_mib": 1953, "health": "Degraded",
    "disks": [], "boot_id": "0190f0a0-0000-7000-8000-000000000000", "at": "2026-12-01T00:00:00+00:00", "zone": None,
}
missing: HostReportV2 = {"host": "web-1"}  # type: ignore[typeddict-item]
sick: Alert = {"host": "web-1", "from": "ops", "alert-level": "Sick", "history": []}  # type: ignore[typeddict-item]
numbered: Alert = {"host": "web-1", "from": "ops", "alert-level": 1, "history": []}  # type: ignore[typeddict-item]
every_health: tuple[Health, ...] = typing.get_args(Health)


async def on_v2(delivery: Delivery[HostReportV2]) -> None:
    mib: int = delivery.payload["mem_mib"]
    print(mib)
    await delivery.ack()


async def on_v1(delivery: Delivery[HostReportV1]) -> None:
    await delivery.nack("later", delay_ms=1000)


async def usage(client: TopicsClient) -> None:
    await client.publish("fleet.host.report", v2)
    await client.publish("fleet.host.report", v1, version=1)
    await client.publish("fleet.alert", {"host": "web-1", "from": "ops", "alert-level": "Down", "history": [None, "Ok"]})
    await client.publish("fleet.host.report", v1)  # type: ignore[call-overload]
    await client.publish("fleet.host.report", v2, version=3)  # type: ignore[call-overload]
    await client.publish("fleet.unknown", v2)  # type: ignore[call-overload]
    await client.subscribe("fleet.host.report", "ops", on_v2)
    await client.subscribe("fleet.host.report", "legacy", on_v1, version=1)
    await client.subscribe("fleet.host.report", "wrong", on_v2, version=1)  # type: ignore[call-overload]
    assert is_valid_topic_name("fleet.host.report")
