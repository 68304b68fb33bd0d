"""The client measurements: each run is a fresh worker process against one shared loopback sink.

Runs are interleaved (ours, retell-sdk, httpx, ours, ...) so a slow moment of the machine touches every client alike.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from benchmarks.clients import CLIENTS
from benchmarks.stats import Spread

WORKER_TIMEOUT_S = 300
IMPORT_TIMEOUT_S = 60
MODULES = {"ours": "retell_client", "retell-sdk": "retell", "httpx": "httpx"}
STAGES = {"ours": ("httpx", "attrs", "retell_client"), "retell-sdk": ("httpx", "pydantic", "retell")}
"""Each client's import split into its main dependencies, imported first, and the rest."""
_IMPORT_PROBE = """
import time
for module in {modules!r}:
    start = time.perf_counter()
    __import__(module)
    print(time.perf_counter() - start)
"""


@contextmanager
def sink() -> Iterator[str]:
    """Start :mod:`benchmarks.sink` in its own process; yield its base URL; stop it."""
    process = subprocess.Popen(
        [sys.executable, "-m", "benchmarks.sink"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True
    )
    try:
        assert process.stdout is not None
        port = process.stdout.readline().strip()
        if not port.isdigit():
            raise RuntimeError(f"the sink did not start (exit status {process.wait(10)})")
        yield f"http://127.0.0.1:{port}"
    finally:
        assert process.stdin is not None
        process.stdin.close()
        try:
            process.wait(10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(10)


def _work(job: dict[str, Any]) -> dict[str, Any]:
    command = [sys.executable, "-m", "benchmarks.worker", json.dumps(job)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=WORKER_TIMEOUT_S, check=False)
    if result.returncode != 0:
        raise RuntimeError(f"{job['measure']} with {job['client']} failed:\n{result.stderr.strip()}")
    outcome: dict[str, Any] = json.loads(result.stdout.splitlines()[-1])
    return outcome


def _import_seconds(modules: tuple[str, ...]) -> list[float]:
    """Seconds for importing each of ``modules`` in turn, in a fresh interpreter (``-I``: no user site, no env)."""
    probe = _IMPORT_PROBE.format(modules=modules)
    result = subprocess.run(
        [sys.executable, "-I", "-c", probe], capture_output=True, text=True, timeout=IMPORT_TIMEOUT_S, check=True
    )
    return [float(line) for line in result.stdout.split()]


def imports(runs: int) -> dict[str, Spread]:
    """Seconds for ``import <module>`` in a fresh interpreter, for each client's module, after one untimed import."""
    seconds: dict[str, list[float]] = {client: [] for client in MODULES}
    for module in MODULES.values():
        _import_seconds((module,))
    for _ in range(runs):
        for client, module in MODULES.items():
            seconds[client] += _import_seconds((module,))
    return {client: Spread.of(values) for client, values in seconds.items()}


def import_stages(runs: int) -> dict[str, dict[str, Spread]]:
    """For each client in :data:`STAGES`: seconds for each stage of its import, its dependencies first."""
    seconds: dict[str, dict[str, list[float]]] = {
        client: {m: [] for m in modules} for client, modules in STAGES.items()
    }
    for _ in range(runs):
        for client, modules in STAGES.items():
            for module, elapsed in zip(modules, _import_seconds(modules), strict=True):
                seconds[client][module].append(elapsed)
    return {client: {m: Spread.of(values) for m, values in stages.items()} for client, stages in seconds.items()}


@dataclass(frozen=True)
class Upload:
    """One client's large-upload figures for one total size."""

    growth_mib: Spread
    mib_per_s: Spread


def uploads(
    base_url: str, sets: dict[int, list[Path]], warmup: Path, runs: dict[int, int]
) -> dict[int, dict[str, Upload]]:
    """For each total size (MiB) in ``sets``: every client's peak memory growth and throughput over ``runs[size]``."""
    figures: dict[int, dict[str, Upload]] = {}
    for total, paths in sets.items():
        growth: dict[str, list[float]] = {client: [] for client in CLIENTS}
        speed: dict[str, list[float]] = {client: [] for client in CLIENTS}
        for _ in range(runs[total]):
            for client in CLIENTS:
                job = {"measure": "upload", "client": client, "base_url": base_url, "warmup": str(warmup)}
                outcome = _work({**job, "paths": [str(path) for path in paths]})
                growth[client].append(outcome["growth"] / 2**20)
                speed[client].append(outcome["bytes"] / 2**20 / outcome["seconds"])
        figures[total] = {client: Upload(Spread.of(growth[client]), Spread.of(speed[client])) for client in CLIENTS}
    return figures


def calls(base_url: str, path: Path, count: int, runs: int) -> dict[str, Spread]:
    """Sequential one-file clones per second, for each client."""
    rates: dict[str, list[float]] = {client: [] for client in CLIENTS}
    for _ in range(runs):
        for client in CLIENTS:
            job = {"measure": "calls", "client": client, "base_url": base_url, "paths": [str(path)], "count": count}
            outcome = _work(job)
            rates[client].append(outcome["calls"] / outcome["seconds"])
    return {client: Spread.of(values) for client, values in rates.items()}


def profile(base_url: str, paths: list[Path], count: int, warmup: Path) -> dict[str, float]:
    """The share of ours' time charged to each component, from one profiled run of ``count`` clones with ``paths``."""
    job = {"measure": "profile", "client": "ours", "base_url": base_url, "count": count, "warmup": str(warmup)}
    outcome = _work({**job, "paths": [str(path) for path in paths]})
    return {component: seconds / outcome["seconds"] for component, seconds in outcome["components"].items()}


@dataclass(frozen=True)
class Concurrency:
    """One client's figures for the async, many-in-flight run."""

    calls_per_s: Spread
    errors: dict[str, int]
    max_in_flight: int
    pooled_connections: int
    connections_after_close: int
    fds_leaked: int


def concurrency(base_url: str, path: Path, count: int, in_flight: int, runs: int) -> dict[str, Concurrency]:
    """Async clones with ``in_flight`` at a time: throughput, and the worst of each run's errors and leaks."""
    outcomes: dict[str, list[dict[str, Any]]] = {client: [] for client in CLIENTS}
    for _ in range(runs):
        for client in CLIENTS:
            job = {"measure": "concurrent", "client": client, "base_url": base_url, "paths": [str(path)]}
            outcomes[client].append(_work({**job, "count": count, "in_flight": in_flight}))
    figures: dict[str, Concurrency] = {}
    for client, results in outcomes.items():
        errors: dict[str, int] = {}
        for result in results:
            for name, number in result["errors"].items():
                errors[name] = errors.get(name, 0) + number
        figures[client] = Concurrency(
            calls_per_s=Spread.of([result["calls"] / result["seconds"] for result in results]),
            errors=errors,
            max_in_flight=max(result["max_in_flight"] for result in results),
            pooled_connections=max(result["pooled_connections"] for result in results),
            connections_after_close=max(result["connections_after_close"] for result in results),
            fds_leaked=max(result["fds_leaked"] for result in results),
        )
    return figures
