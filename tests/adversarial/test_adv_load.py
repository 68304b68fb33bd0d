"""Load: 2,000 async clone calls, 128 in flight through one client, against a loopback server failing 5% of the
requests with 429 or 503. Every call ends in its voice or a typed error, no voice is created twice or lost, and file
descriptors and connections return to their starting count."""

from __future__ import annotations

import asyncio
import os
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import pytest
from support.attacks.load import CALLS, FAULT_EVERY, IN_FLIGHT, script
from support.audio import WAV
from support.drivers import FAKE_KEY, open_fds_under
from support.untraced import untraced
from support.vendors import Vendor

SETTLE_S = 10.0


def established(port: int) -> int:
    """TCP connections to or from ``port`` on this machine that are open (ESTABLISHED), both ends counted."""
    count = 0
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            with open(table, encoding="ascii") as lines:
                rows = [line.split() for line in list(lines)[1:]]
        except FileNotFoundError:
            continue
        ends = {f"{port:04X}"}
        count += sum(
            1 for row in rows if row[3] == "01" and {row[1].rpartition(":")[2], row[2].rpartition(":")[2]} & ends
        )
    return count


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


async def settled(probe: Callable[[], int], target: int) -> int:
    """``probe()`` once it is at most ``target``, or its last value after ``SETTLE_S``: the server closes its ends
    of the connections shortly after the client has."""
    deadline = time.monotonic() + SETTLE_S
    while (value := probe()) > target and time.monotonic() < deadline:
        await asyncio.sleep(0.05)
    return value


@dataclass
class Run:
    """The outcome of every call, in call order, and the counts before the client was made, at the peak (all calls
    done, the client still open) and once it was closed (the client object still alive, so only ``aclose()`` can
    have released anything)."""

    outcomes: list[Any]
    connections: tuple[int, int, int]
    fds: tuple[int, int, int]


async def clone_all(vendor: Vendor, server_url: str, port: int, upload: Any) -> Run:
    """Make every call through one async client, ``IN_FLIGHT`` at a time."""
    connections, fds = established(port), open_fds()
    gate = asyncio.Semaphore(IN_FLIGHT)
    client = vendor.async_type(api_key=FAKE_KEY, base_url=server_url)

    async def one(n: int) -> Any:
        async with gate:
            try:
                return await client.clone_voice(**vendor.call(upload, f"load-{n}"))
            except vendor.package.APIError as error:
                return error

    try:
        outcomes = await asyncio.gather(*(one(n) for n in range(CALLS)))
        peak = established(port), open_fds()
    finally:
        await client.aclose()
    after = await settled(lambda: established(port), connections), await settled(open_fds, fds)
    return Run(outcomes, (connections, peak[0], after[0]), (fds, peak[1], after[1]))


@pytest.mark.slow
@pytest.mark.timeout(240)
def test_2000_calls_128_in_flight_with_5_percent_faults_lose_nothing(vendor, server, tmp_path, key_watch):
    upload = tmp_path / "load.wav"
    upload.write_bytes(WAV)
    port = int(server.base_url.split(":")[2].split("/")[0])
    server.script(*script())

    with untraced():
        run = asyncio.run(clone_all(vendor, server.base_url, port, upload))
    outcomes = run.outcomes

    voices = {n: outcome for n, outcome in enumerate(outcomes) if isinstance(outcome, vendor.model)}
    errors = {n: outcome for n, outcome in enumerate(outcomes) if n not in voices}
    assert len(outcomes) == CALLS
    assert all(isinstance(error, vendor.package.APIStatusError) for error in errors.values()), errors
    assert {type(error).__name__ for error in errors.values()} <= {"RateLimitError", "InternalServerError"}
    assert len(server.requests) == CALLS + CALLS // FAULT_EVERY - len(errors), "each failure retried unless the last"
    assert server.created == Counter({f"load-{n}": 1 for n in voices}), "a voice was duplicated or lost"
    assert {voice.to_dict()[vendor.id_field] for voice in voices.values()} == {
        f"voice-{n}" for n in range(1, len(voices) + 1)
    }
    assert open_fds_under(tmp_path) == []
    before, peak, after = run.connections
    assert peak > before, "the pool keeps connections open until closed"
    assert after == before
    before, peak, after = run.fds
    assert peak > before
    assert after <= before
    key_watch.check(*errors.values())
