"""What one benchmark run decides (:class:`Settings`) and what it found (:class:`Results`)."""

from __future__ import annotations

import os
import platform
import re
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from benchmarks.growth import SpecImports
from benchmarks.measures import Concurrency, Upload
from benchmarks.regen import Timing
from benchmarks.stats import Spread

DISTRIBUTIONS = (
    "retell-client", "retell-sdk", "httpx", "httpcore", "h11", "attrs", "puremagic", "pydantic",
)  # fmt: skip


@dataclass(frozen=True)
class Settings:
    """Sizes, counts and repetitions of every measurement."""

    import_runs: int = 7
    file_count: int = 25
    upload_runs: tuple[tuple[int, int], ...] = ((100, 3), (500, 3), (1000, 7))
    """(total MiB, runs) for each upload size; the largest is the issue's 1 GB upload, whose throughput varies most
    from run to run on a 2-core machine that also runs the sink, so it gets the most runs."""
    small_file_bytes: int = 4096
    calls: int = 500
    call_runs: int = 5
    profile_calls: int = 1000
    concurrent_calls: int = 1000
    in_flight: int = 64
    concurrent_runs: int = 3
    regen_runs: int = 3
    memory_target_mib: float = 64.0

    @classmethod
    def quick(cls) -> Settings:
        """One run of everything and a smaller largest upload: for trying the harness, not for quoting."""
        return cls(import_runs=1, upload_runs=((100, 1), (500, 1)), call_runs=1, concurrent_runs=1, regen_runs=1)


@dataclass(frozen=True)
class Results:
    """Every figure of one run, ready for the report."""

    settings: Settings
    imports: dict[str, Spread]
    import_stages: dict[str, dict[str, Spread]]
    uploads: dict[int, dict[str, Upload]]
    calls: dict[str, Spread]
    call_profile: dict[str, float]
    upload_profile: dict[str, float]
    concurrency: dict[str, Concurrency]
    regeneration: dict[str, Timing]
    runtime_s: float
    growth_imports: dict[str, SpecImports] | None = None
    """Import cost against the spec's size (:mod:`benchmarks.growth`); ``None`` in results from before it."""


def machine() -> dict[str, str]:
    """The machine, described without any path: CPU model, cores, memory, OS kernel and Python."""
    cpuinfo = Path("/proc/cpuinfo").read_text() if Path("/proc/cpuinfo").exists() else ""
    model = re.search(r"^model name\s*:\s*(.+)$", cpuinfo, re.MULTILINE)
    pages, page_size = os.sysconf("SC_PHYS_PAGES"), os.sysconf("SC_PAGE_SIZE")
    return {
        "CPU": model.group(1).strip() if model else platform.processor() or platform.machine(),
        "cores": str(os.cpu_count()),
        "memory": f"{pages * page_size / 2**30:.0f} GiB",
        "OS": f"{platform.system()} {platform.release()}",
        "Python": f"{platform.python_implementation()} {platform.python_version()}",
    }


def versions() -> dict[str, str]:
    """Installed versions of the measured distributions and their main dependencies."""
    return {name: metadata.version(name) for name in DISTRIBUTIONS}
