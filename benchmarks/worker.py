"""One measurement in a fresh process: ``python -m benchmarks.worker '<job as JSON>'`` prints its result as JSON.

A job names the measurement (``upload``, ``calls``, ``concurrent`` or ``profile``), the client (see
:data:`benchmarks.clients.CLIENTS`), the sink's URL and the files. Running each in its own interpreter keeps imports
and resident memory of one client out of another's figures.
"""

from __future__ import annotations

import asyncio
import gc
import itertools
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

from benchmarks import proc
from benchmarks.clients import async_client, sync_client

WARMUP_CALLS = 20
CONCURRENT_TIMEOUT_S = 300.0


def upload(client: str, base_url: str, paths: list[Path], warmup: Path) -> dict[str, Any]:
    """One clone with ``paths``: seconds, and peak RSS above the baseline taken after a warm-up call with ``warmup``."""
    with sync_client(client, base_url) as clone:
        clone([warmup])
        gc.collect()
        baseline = proc.rss_bytes()
        proc.reset_peak()
        start = time.perf_counter()
        clone(paths)
        seconds = time.perf_counter() - start
        peak = proc.peak_rss_bytes()
    return {"seconds": seconds, "bytes": sum(path.stat().st_size for path in paths), "growth": peak - baseline}


def calls(client: str, base_url: str, path: Path, count: int) -> dict[str, Any]:
    """``count`` sequential one-file clones after :data:`WARMUP_CALLS` untimed ones: seconds in all."""
    with sync_client(client, base_url) as clone:
        for _ in range(WARMUP_CALLS):
            clone([path])
        start = time.perf_counter()
        for _ in range(count):
            clone([path])
        return {"seconds": time.perf_counter() - start, "calls": count}


def profile(client: str, base_url: str, paths: list[Path], count: int, warmup: Path) -> dict[str, Any]:
    """``count`` clones with ``paths`` under pyinstrument, after :data:`WARMUP_CALLS` with ``warmup``: the seconds
    charged to each component."""
    from pyinstrument import Profiler  # noqa: PLC0415 - only this measurement needs the profiler

    from benchmarks.profiling import time_by_component  # noqa: PLC0415 - imports pyinstrument types

    with sync_client(client, base_url) as clone:
        for _ in range(WARMUP_CALLS):
            clone([warmup])
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(count):
                clone(paths)
    session = profiler.last_session
    root = session.root_frame() if session else None
    if root is None:
        raise RuntimeError("pyinstrument recorded no samples")
    return {"seconds": root.time, "components": time_by_component(root)}


async def concurrent(client: str, base_url: str, path: Path, count: int, in_flight: int) -> dict[str, Any]:
    """``count`` one-file clones through the async client, ``in_flight`` at a time: seconds, errors, and the file
    descriptors and connections still open once the client is closed."""
    port = int(base_url.rsplit(":", 1)[1])
    fds_before = proc.open_fds()
    errors: Counter[str] = Counter()
    busy, most_busy = 0, 0
    tickets = itertools.count()
    async with async_client(client, base_url) as clone:
        await clone([path])

        async def lane() -> None:
            nonlocal busy, most_busy
            while next(tickets) < count:
                busy += 1
                most_busy = max(most_busy, busy)
                try:
                    await clone([path])
                except Exception as exc:
                    errors[type(exc).__name__] += 1
                finally:
                    busy -= 1

        start = time.perf_counter()
        async with asyncio.timeout(CONCURRENT_TIMEOUT_S):
            await asyncio.gather(*(lane() for _ in range(in_flight)))
        seconds = time.perf_counter() - start
        pooled = proc.tcp_connections_to(port)
    return {
        "seconds": seconds,
        "calls": count,
        "errors": dict(errors),
        "max_in_flight": most_busy,
        "pooled_connections": pooled,
        "connections_after_close": proc.tcp_connections_to(port),
        "fds_leaked": proc.open_fds() - fds_before,
    }


def run(job: dict[str, Any]) -> dict[str, Any]:
    """Run the measurement ``job`` describes."""
    measure, client, base_url = job["measure"], job["client"], job["base_url"]
    paths = [Path(path) for path in job["paths"]]
    if measure == "upload":
        return upload(client, base_url, paths, Path(job["warmup"]))
    if measure == "calls":
        return calls(client, base_url, paths[0], job["count"])
    if measure == "profile":
        return profile(client, base_url, paths, job["count"], Path(job["warmup"]))
    if measure == "concurrent":
        return asyncio.run(concurrent(client, base_url, paths[0], job["count"], job["in_flight"]))
    raise ValueError(f"unknown measure {measure!r}")


if __name__ == "__main__":
    print(json.dumps(run(json.loads(sys.argv[1]))))
