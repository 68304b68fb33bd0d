"""Regeneration timings, on a copy of the repository so the working tree is never written.

The copy holds the files git tracks or would track (``git ls-files -co --exclude-standard``). One ``nox -s generate``
creates its session environment (timed, reported as the cold run); then ``nox -R -s generate`` reuses it, as a
maintainer's second run does. The drift checks run with that environment's Python when ``python -m sdkgen drift``
exists; their exit status is part of the result (1 means drift was found, which is a result, not a failure).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from dataclasses import dataclass, replace
from pathlib import Path

from benchmarks.stats import Spread

COMMAND_TIMEOUT_S = 600
DRIFT_COMMANDS = {
    "python -m sdkgen drift": ("drift",),
    **{
        f"python -m sdkgen drift --vendor {vendor} --upstream specs/{vendor}/page.md --format json": (
            "drift", "--vendor", vendor, "--upstream", f"specs/{vendor}/page.md", "--format", "json",
        )
        for vendor in ("retell", "vogent")
    },
}  # fmt: skip


@dataclass(frozen=True)
class Timing:
    """Seconds over repeated runs of one command and the exit statuses seen; ``seconds`` is ``None`` when the command
    failed or was skipped, and ``note`` says which."""

    seconds: Spread | None
    statuses: tuple[int, ...]
    note: str = ""


def copy_repository(root: Path, destination: Path) -> None:
    """Copy the files of ``root`` that git tracks or would track into ``destination``."""
    listing = subprocess.run(
        ["git", "ls-files", "-co", "--exclude-standard", "-z"], cwd=root, capture_output=True, check=True
    ).stdout.decode()
    for name in filter(None, listing.split("\0")):
        source = root / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)


def _timed(command: list[str], cwd: Path) -> tuple[float, int, str]:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=COMMAND_TIMEOUT_S, check=False)
    output = (result.stdout + result.stderr).strip().splitlines()
    return time.perf_counter() - start, result.returncode, output[-1] if output else ""


def _repeat(command: list[str], cwd: Path, runs: int, ok: tuple[int, ...]) -> Timing:
    seconds, statuses = [], []
    for _ in range(runs):
        elapsed, status, last_line = _timed(command, cwd)
        statuses.append(status)
        if status not in ok:
            return Timing(None, tuple(statuses), f"failed: {last_line}")
        seconds.append(elapsed)
    return Timing(Spread.of(seconds), tuple(statuses))


def _session_python(copy: Path) -> Path:
    return copy / ".nox" / "generate" / "bin" / "python"


def regeneration(root: Path, workdir: Path, runs: int) -> dict[str, Timing]:
    """Time the cold and warm ``generate`` sessions and, when available, the drift checks, on a copy of ``root``."""
    copy = workdir / "repository"
    copy_repository(root, copy)
    nox = [sys.executable, "-m", "nox"]
    cold = _repeat([*nox, "-s", "generate"], copy, 1, ok=(0,))
    timings = {"nox -s generate": replace(cold, note=cold.note or "first run: creates the session environment")}
    if cold.seconds is None:
        return timings
    timings["nox -R -s generate"] = _repeat([*nox, "-R", "-s", "generate"], copy, runs, ok=(0,))
    python = str(_session_python(copy))
    help_status = _timed([python, "-m", "sdkgen", "drift", "--help"], copy)[1]
    for label, arguments in DRIFT_COMMANDS.items():
        if help_status != 0:
            timings[label] = Timing(None, (), "skipped: this checkout has no `python -m sdkgen drift`")
        else:
            timings[label] = _repeat([python, "-m", "sdkgen", *arguments], copy, runs, ok=(0, 1, 2))
    return timings
